# docs: backend=jax
import os

os.environ["KERAS_BACKEND"] = "jax"  # before Keras is imported: the backend is chosen once

import jax
import numpy as np
import keras

layer = keras.layers.Embedding(6, 2, embeddings_initializer="ones")
layer.build()
ids = np.array([[4, 1, 4]])


def loss(table):
    outputs, _ = layer.stateless_call([table], [], ids)  # the layer, with `table` as its weights
    return outputs.sum()


gradient = jax.grad(loss)(layer.embeddings.value)
print(keras.backend.backend(), type(gradient).__name__, gradient.shape)
print(np.asarray(gradient))

assert gradient.shape == (6, 2)  # one number for every weight, the zeros included
assert np.array_equal(np.asarray(gradient)[[0, 2, 3, 5]], np.zeros((4, 2)))
