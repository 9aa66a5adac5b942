# docs: not-on-numpy=there Keras works out a layer's symbolic output by calling it on `np.empty` arrays ([source](https://github.com/keras-team/keras/blob/v3.15.1/keras/src/backend/numpy/core.py#L109-L126)): the ids are whatever was in memory, and the error quotes another index on every run
import warnings

import numpy as np
import keras
from keras import ops

keras.utils.set_random_seed(0)
ids = np.array([[3, 1, 0, 0], [2, 4, 1, 0]])  # padded at the end with id 0
real = ids != 0


class TokenAndPosition(keras.layers.Layer):
    """A token embedding plus a learned position embedding, with no masking code."""

    def __init__(self, vocabulary_size, max_length, dim, **kwargs):
        super().__init__(**kwargs)
        self.token_embedding = keras.layers.Embedding(vocabulary_size, dim, mask_zero=True)
        self.position_embedding = keras.layers.Embedding(max_length, dim)

    def call(self, inputs):
        positions = ops.arange(ops.shape(inputs)[-1])  # 0, 1, ..., length - 1
        return self.token_embedding(inputs) + self.position_embedding(positions)


class OnlySupportsMasking(TokenAndPosition):
    """The same layer with supports_masking = True, and nothing else."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.supports_masking = True


def check(cls):
    """Call the layer on ids, eagerly and in a functional model: what mask comes out, and what an average sees."""
    layer = cls(5, 4, 2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        vectors = layer(ids)
        symbolic = cls(5, 4, 2)(keras.Input((4,), dtype="int32"))
        average = ops.convert_to_numpy(keras.layers.GlobalAveragePooling1D()(vectors))
    values = ops.convert_to_numpy(vectors)
    over_real = (values * real[..., None]).sum(axis=1) / real.sum(axis=1, keepdims=True)
    counts_padding = np.allclose(average, values.mean(axis=1))  # the mean over all 4 positions
    mask = getattr(vectors, "_keras_mask", None)
    print(f"{cls.__name__}:")
    print("  output._keras_mask:", mask, "| functional output has a mask:", hasattr(symbolic, "_keras_mask"))
    print("  warnings:", len(caught), "| GlobalAveragePooling1D after it counts the padding:", counts_padding)
    assert mask is None and not hasattr(symbolic, "_keras_mask") and not caught  # lost, without a word
    assert counts_padding and not np.allclose(average, over_real)
    return layer


layer = check(TokenAndPosition)
inner = ops.convert_to_numpy(layer.token_embedding.compute_mask(ids))
print("  yet inside it, token_embedding.compute_mask(ids):", inner.tolist())
assert (inner == real).all()  # the token embedding does make the mask
check(OnlySupportsMasking)
