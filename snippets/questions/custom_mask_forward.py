# docs: fails-on-numpy=a layer's output there is a plain `np.ndarray`, which cannot carry a mask (`_keras_mask`)
import warnings

import numpy as np
import keras
from keras import ops

keras.utils.set_random_seed(0)
ids = np.array([[3, 1, 0, 0], [2, 4, 1, 0]])  # padded at the end with id 0
real = ids != 0


class TokenAndPosition(keras.layers.Layer):
    """A token embedding plus a learned position embedding, passing the token embedding's mask on."""

    def __init__(self, vocabulary_size, max_length, dim, **kwargs):
        super().__init__(**kwargs)
        self.token_embedding = keras.layers.Embedding(vocabulary_size, dim, mask_zero=True)
        self.position_embedding = keras.layers.Embedding(max_length, dim)

    def call(self, inputs):
        positions = ops.arange(ops.shape(inputs)[-1])  # 0, 1, ..., length - 1
        return self.token_embedding(inputs) + self.position_embedding(positions)

    def compute_mask(self, inputs, mask=None):
        return self.token_embedding.compute_mask(inputs)  # the fix: ids != 0, from the layer that knows


layer = TokenAndPosition(5, 4, 2)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", UserWarning)
    vectors = layer(ids)
    average = ops.convert_to_numpy(keras.layers.GlobalAveragePooling1D()(vectors))
mask = ops.convert_to_numpy(vectors._keras_mask)
values = ops.convert_to_numpy(vectors)
over_real = (values * real[..., None]).sum(axis=1) / real.sum(axis=1, keepdims=True)
print("supports_masking (never set by hand):", layer.supports_masking)
print("output._keras_mask:", mask.tolist())
print("GlobalAveragePooling1D after it averages the real tokens only:", np.allclose(average, over_real))

# The same layer in a functional model, with the same weights.
with warnings.catch_warnings(record=True) as caught_in_model:
    warnings.simplefilter("always", UserWarning)
    inputs = keras.Input((4,), dtype="int32", name="ids")
    embedded = TokenAndPosition(5, 4, 2, name="token_and_position")(inputs)
    model = keras.Model(inputs, keras.layers.GlobalAveragePooling1D()(embedded))
    model.get_layer("token_and_position").set_weights(layer.get_weights())
    predicted = model.predict(ids, verbose=0)
print("functional output has a mask:", hasattr(embedded, "_keras_mask"))
print("predict averages the real tokens only:", np.allclose(predicted, over_real))
print("warnings:", len(caught) + len(caught_in_model))

assert layer.supports_masking  # overriding compute_mask turns it on
assert (mask == real).all() and np.allclose(average, over_real)
assert np.allclose(predicted, over_real) and not caught and not caught_in_model

# keras.layers.ReversibleEmbedding sets its mask inside call(), and its compute_mask returns None.
reversible = keras.layers.ReversibleEmbedding(5, 2, mask_zero=True, name="reversible")
reversible_mask = ops.convert_to_numpy(reversible(ids)._keras_mask)
print("ReversibleEmbedding: compute_mask(ids)", reversible.compute_mask(ids), "| output._keras_mask", reversible_mask.tolist())
assert reversible.compute_mask(ids) is None and (reversible_mask == real).all()
