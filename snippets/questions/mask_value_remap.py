import numpy as np
import keras
from keras import ops

PAD = 4  # this data pads with id 4; ids 0 to 3 are words, and 0 is one of them
ids = np.array([[2, 0, 1, 4, 4], [3, 4, 4, 4, 4]])
real = ids != PAD
table = np.random.default_rng(0).uniform(-1, 1, (5, 2)).astype("float32")  # row 4 is the padding row

zero_only = keras.layers.Embedding(5, 2, mask_zero=True)
mask_of_zero = ops.convert_to_numpy(zero_only.compute_mask(ids))
print("real tokens:                 ", real.tolist())
print("mask from mask_zero=True:    ", mask_of_zero.tolist())


def remap(ids):
    """Padding becomes 0 and every word moves up one row: what mask_zero=True expects."""
    return ops.where(ops.equal(ids, PAD), 0, ids + 1)


# The table moves the same way: its padding row goes first, then the words' rows in order.
moved = table[[PAD, 0, 1, 2, 3]]
inputs = keras.Input((5,), dtype="int32", name="ids")
embedding = keras.layers.Embedding(5, 2, weights=[moved], mask_zero=True, name="embedding")
vectors = embedding(remap(inputs))  # keras.ops works on the model's input
model = keras.Model(inputs, [vectors, keras.layers.GlobalAveragePooling1D(name="average")(vectors)])
looked_up, average = model.predict(ids, verbose=0)

remapped = ops.convert_to_numpy(remap(ids))
mask = ops.convert_to_numpy(embedding.compute_mask(remapped))
over_real = (table[ids] * real[..., None]).sum(axis=1) / real.sum(axis=1, keepdims=True)
print("remapped ids:                ", remapped.tolist())
print("mask from mask_zero=True now:", mask.tolist())
print("same vectors as table[ids]:", np.array_equal(looked_up, table[ids]))
print("the average leaves the padding out:", np.allclose(average, over_real))

assert (mask_of_zero != real).any()  # on the original ids, word 0 is masked and the padding is not
assert (mask == real).all() and np.array_equal(looked_up, table[ids]) and np.allclose(average, over_real)
