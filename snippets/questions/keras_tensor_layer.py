import os
import tempfile

import numpy as np
import keras
import tensorflow as tf


class OneHot(keras.layers.Layer):
    """tf.one_hot inside a layer: call() gets tensors, never a KerasTensor."""

    def __init__(self, depth, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth

    def call(self, ids):
        return tf.one_hot(ids, self.depth)


ids = keras.Input((4,), dtype="int32", name="ids")
one_hot = OneHot(5, name="one_hot")(ids)
print("OneHot(5)(ids):", type(one_hot).__name__, one_hot.shape, one_hot.dtype)  # call() ran on a placeholder
model = keras.Model(ids, one_hot, name="wrapped")

batch = np.array([[0, 2, 4, 2]])
out = model.predict(batch, verbose=0)
print("predict:", out[0].astype(int).tolist())
print("the layer's config:", {key: model.get_layer("one_hot").get_config()[key] for key in ("name", "depth")})


def round_trip(model, folder):
    path = os.path.join(folder, f"{model.name}.keras")
    model.save(path)
    return keras.models.load_model(path)


with tempfile.TemporaryDirectory() as folder:
    try:
        round_trip(model, folder)
        unregistered_error = None
    except TypeError as error:
        unregistered_error = str(error).split(". ")[0]
    print("load_model, class not registered: TypeError:", unregistered_error)

    keras.saving.register_keras_serializable(package="docs")(OneHot)  # usually written as a decorator on the class
    model = keras.Model(ids, OneHot(5, name="one_hot")(ids), name="registered")
    same = np.array_equal(round_trip(model, folder).predict(batch, verbose=0), out)
    print("load_model, class registered: same output", same)

assert np.array_equal(out, np.eye(5)[batch])
assert unregistered_error is not None  # load_model could not find the class
assert same
