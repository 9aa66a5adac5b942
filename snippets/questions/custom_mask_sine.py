# docs: fails-on-numpy=a layer's output there is a plain `np.ndarray`, which cannot carry a mask (`_keras_mask`)
import warnings

import numpy as np
import keras
from keras import ops

keras.utils.set_random_seed(0)
ids = np.array([[3, 1, 0, 0], [2, 4, 1, 0]])  # padded at the end with id 0
real = ids != 0


class SinePositionNoMask(keras.layers.Layer):
    """Adds a fixed sinusoidal position encoding to the vectors it gets; it has no weights."""

    def call(self, vectors):
        length, dim = ops.shape(vectors)[-2], ops.shape(vectors)[-1]
        positions = ops.cast(ops.arange(length), "float32")[:, None]
        pairs = ops.cast(ops.arange(dim // 2), "float32")[None, :]
        angles = positions / ops.power(10000.0, 2.0 * pairs / ops.cast(dim, "float32"))
        encoding = ops.concatenate([ops.sin(angles), ops.cos(angles)], axis=-1)  # (length, dim)
        return vectors + ops.cast(encoding, vectors.dtype)


class SinePosition(SinePositionNoMask):
    """The same layer; it keeps the time steps, so it may pass the incoming mask on."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True


def first_sentences(caught):
    """Each different warning once, its first sentence only."""
    return sorted({str(w.message).split(". ")[0] + "." for w in caught})


embedding = keras.layers.Embedding(5, 4, mask_zero=True, name="embedding")
vectors = embedding(ids)
outputs = {}
for cls in (SinePositionNoMask, SinePosition):
    layer = cls(name="sine_position")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outputs[cls] = layer(vectors)
    mask = getattr(outputs[cls], "_keras_mask", None)
    print(f"Embedding -> {cls.__name__}: weights {len(layer.weights)},", "output mask:",
          None if mask is None else ops.convert_to_numpy(mask).tolist())
    print("  warnings:", first_sentences(caught))

added = ops.convert_to_numpy(outputs[SinePosition] - vectors)[0]  # what the layer added, row by row
angles = np.arange(4)[:, None] / 10000.0 ** (2 * np.arange(2)[None, :] / 4)
print("added at positions 0 to 3:", np.round(added.astype(float), 3).tolist())
assert np.allclose(added, np.concatenate([np.sin(angles), np.cos(angles)], axis=-1), atol=1e-6)
assert getattr(outputs[SinePositionNoMask], "_keras_mask", None) is None
assert (ops.convert_to_numpy(outputs[SinePosition]._keras_mask) == real).all()

# In a functional model, for sequences of any length, the average after it leaves the padding out.
inputs = keras.Input((None,), dtype="int32", name="ids")
encoded = SinePosition(name="sine_position")(keras.layers.Embedding(5, 4, mask_zero=True, name="embedding")(inputs))
model = keras.Model(inputs, keras.layers.GlobalAveragePooling1D()(encoded))
model.get_layer("embedding").set_weights(embedding.get_weights())
values = ops.convert_to_numpy(outputs[SinePosition])
over_real = (values * real[..., None]).sum(axis=1) / real.sum(axis=1, keepdims=True)
print("model average leaves the padding out:", np.allclose(model.predict(ids, verbose=0), over_real))
assert np.allclose(model.predict(ids, verbose=0), over_real)


class TokenAndSine(keras.layers.Layer):
    """A wrapper whose position layer receives the token vectors, mask attached, then forwards the mask itself."""

    def __init__(self, vocabulary_size, dim, **kwargs):
        super().__init__(**kwargs)
        self.token_embedding = keras.layers.Embedding(vocabulary_size, dim, mask_zero=True)
        self.position_embedding = SinePositionNoMask(name="position_embedding")

    def call(self, inputs):
        return self.position_embedding(self.token_embedding(inputs))

    def compute_mask(self, inputs, mask=None):
        return self.token_embedding.compute_mask(inputs)


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    wrapped = TokenAndSine(5, 4)(ids)
print("TokenAndSine warnings:", first_sentences(caught))
print("  its output mask:", ops.convert_to_numpy(wrapped._keras_mask).tolist())
assert len(first_sentences(caught)) == 1 and (ops.convert_to_numpy(wrapped._keras_mask) == real).all()
