import numpy as np
import keras

# Rows chosen so the averages are easy to check: row 0 (padding) is [10, 10].
table = np.array([[10.0, 10.0], [1.0, 2.0], [3.0, 6.0]], dtype="float32")
masked = keras.layers.Embedding(3, 2, weights=[table], mask_zero=True)
average = keras.layers.GlobalAveragePooling1D()

print(f"{'ids':26}{'with mask':>14}{'without':>16}")
for length in (2, 4, 8):
    ids = np.array([[1, 2] + [0] * (length - 2)])  # the same two tokens, padded to `length`
    vectors = masked(ids)
    with_mask = keras.ops.convert_to_numpy(average(vectors))[0]
    without = keras.ops.convert_to_numpy(average(keras.ops.convert_to_numpy(vectors)))[0]  # numbers only
    print(f"{ids[0].tolist()!s:26}{with_mask.tolist()!s:>14}{without.tolist()!s:>16}")
    assert with_mask.tolist() == [2.0, 4.0]  # (row 1 + row 2) / 2, whatever the length
    assert np.allclose(without, (table[1] + table[2] + (length - 2) * table[0]) / length)  # padding counted

empty = keras.ops.convert_to_numpy(average(masked(np.array([[0, 0, 0, 0]]))))[0]
print("all padding, with mask:", empty.tolist())
assert np.isnan(empty).all()  # 0 / 0: nothing left to average
