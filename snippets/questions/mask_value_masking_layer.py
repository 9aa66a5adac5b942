# docs: fails-on-numpy=a layer's output there is a plain `np.ndarray`, which cannot carry a mask (`_keras_mask`)
import warnings

import numpy as np
import keras
from keras import ops

keras.utils.set_random_seed(0)
PAD = 4  # this data pads with id 4; ids 0 to 3 are words, and 0 is one of them
ids = np.array([[2, 0, 1, 4, 4], [3, 4, 4, 4, 4], [4, 4, 4, 4, 4]])  # the last sequence is all padding
real = ids != PAD

masking = keras.layers.Masking(mask_value=PAD, name="masking")
masked_ids = masking(ids)
print("Masking(mask_value=4) values:", ops.convert_to_numpy(masked_ids).tolist())
print("Masking(mask_value=4) mask:  ", ops.convert_to_numpy(masked_ids._keras_mask).tolist())

for mask_zero in (False, True):
    embedding = keras.layers.Embedding(5, 2, mask_zero=mask_zero, name="embedding")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        vectors = embedding(masked_ids)
    mask = getattr(vectors, "_keras_mask", None)
    print(f"then Embedding(mask_zero={mask_zero}): output mask",
          None if mask is None else ops.convert_to_numpy(mask).tolist())
    print("  warnings:", [str(w.message).split(". ")[0] + "." for w in caught])
    assert (mask is None) == bool(caught) == (not mask_zero)  # dropped with a warning, or replaced in silence

table, looked_up = ops.convert_to_numpy(embedding.embeddings), ops.convert_to_numpy(vectors)
reads_word_0 = bool((looked_up[2] == table[0]).all())
reads_row_4 = bool((looked_up[0, 3:] == table[4]).all())
print("the all-padding sequence reads row 0, word 0's row:", reads_word_0)
print("the first sequence still reads row 4 at its padding:", reads_row_4)

# The same in a Sequential model: the average after the Embedding counts the padding.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model = keras.Sequential([
        keras.Input((5,), dtype="int32"),
        keras.layers.Masking(mask_value=PAD, name="masking"),
        keras.layers.Embedding(5, 2, name="embedding"),
        keras.layers.GlobalAveragePooling1D(name="average"),
    ])
    averaged = model.predict(ids, verbose=0)
rows = ops.convert_to_numpy(model.get_layer("embedding").embeddings)[np.where(real.any(axis=1, keepdims=True), ids, 0)]
print("Sequential, Masking then Embedding: the average counts the padding:", np.allclose(averaged, rows.mean(axis=1)))
print("  warnings:", sorted({str(w.message).split(". ")[0] + "." for w in caught}))

assert ops.convert_to_numpy(masked_ids._keras_mask).tolist() == [True, True, False]  # one flag per sequence
assert ops.convert_to_numpy(masked_ids).tolist() == np.where(real.any(axis=1, keepdims=True), ids, 0).tolist()
assert (ops.convert_to_numpy(mask) == (ops.convert_to_numpy(masked_ids) != 0)).all()  # Embedding's own ids != 0
assert not (ops.convert_to_numpy(mask) == real).all()
assert reads_word_0 and reads_row_4
assert np.allclose(averaged, rows.mean(axis=1)) and caught
