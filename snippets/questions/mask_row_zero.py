# docs: fails-on-numpy=a layer's output there is a plain `np.ndarray`, which cannot carry a mask (`_keras_mask`)
import warnings

import numpy as np
import keras

keras.utils.set_random_seed(0)
ids = np.array([[1, 2, 0, 0]])  # two tokens, then padding
embedding = keras.layers.Embedding(3, 2, mask_zero=True)
vectors = embedding(ids)

mask = keras.ops.convert_to_numpy(vectors._keras_mask)  # the mask travels as an attribute of the output
table = keras.ops.convert_to_numpy(embedding.embeddings)
print("compute_mask(ids):", keras.ops.convert_to_numpy(embedding.compute_mask(ids)).tolist())
print("output._keras_mask:", mask.tolist())
print("padding positions equal row 0:", bool((keras.ops.convert_to_numpy(vectors)[0, 2:] == table[0]).all()))


def rows_moved(mask_zero, between=None):
    """Train ids -> Embedding -> [between] -> GlobalAveragePooling1D for one SGD step; which rows of the table moved."""
    inputs = keras.Input(shape=(4,), dtype="int32")
    layer = keras.layers.Embedding(3, 2, mask_zero=mask_zero)
    x = layer(inputs)
    x = between(x) if between else x
    model = keras.Model(inputs, keras.layers.GlobalAveragePooling1D()(x))
    model.compile(optimizer="sgd", loss="mse")
    start = keras.ops.convert_to_numpy(layer.embeddings)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(ids, np.ones((1, 2)), epochs=1, verbose=0)
    moved = np.abs(keras.ops.convert_to_numpy(layer.embeddings) - start).max(axis=1) > 0
    return np.flatnonzero(moved).tolist(), len(caught)


masked_rows, _ = rows_moved(True)
plain_rows, _ = rows_moved(False)
op_rows, op_warnings = rows_moved(True, lambda x: x * 2.0)  # a plain operation, not a layer
print("rows moved by one training step, mask_zero=True: ", masked_rows)
print("rows moved by one training step, mask_zero=False:", plain_rows)
print("mask_zero=True, then x * 2.0 before the average:  ", op_rows, "| warnings:", op_warnings)

assert mask.tolist() == (ids != 0).tolist()  # the mask is ids != 0, kept beside the numbers
assert (keras.ops.convert_to_numpy(vectors)[0, 2:] == table[0]).all()  # the numbers still hold row 0
assert masked_rows == [1, 2] and plain_rows == [0, 1, 2]  # with the mask, row 0 gets no gradient
assert op_rows == [0, 1, 2] and op_warnings == 0  # x * 2.0 lost the mask without a word
