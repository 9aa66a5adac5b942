# docs: isolated=it chooses Keras 2 before tf.keras is first used
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # before tf.keras is first used: pick Keras 2 (pip install tf-keras)

import numpy as np
import tensorflow as tf
import tf_keras

keras = tf.keras  # now the tf_keras package, Keras 2
print("Keras", tf_keras.__version__)

ids = keras.Input(shape=(5,), name="ids")
layer = keras.layers.Embedding(4, 3, embeddings_initializer="ones", name="embedding")
vectors = layer(ids)
model = keras.Model(ids, vectors, name="puzzle")
model.compile(optimizer="rmsprop", loss="categorical_crossentropy")
print("Embedding class from", type(layer).__module__)
print(model.predict(np.array([[1, 1, 2, 0, 3]]), verbose=0))
