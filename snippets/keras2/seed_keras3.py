from importlib.metadata import requires

import numpy as np
import tensorflow as tf

keras = tf.keras  # Keras 3: what tf.keras is with TensorFlow 2.16 and later
print("TensorFlow", tf.__version__, "requires", [r for r in requires("tensorflow") if r.startswith("keras")])
print("Keras", keras.version())

ids = keras.Input(shape=(5,), name="ids")
layer = keras.layers.Embedding(4, 3, embeddings_initializer="ones", name="embedding")
vectors = layer(ids)
model = keras.Model(ids, vectors, name="puzzle")
model.compile(optimizer="rmsprop", loss="categorical_crossentropy")
print("Embedding class from", type(layer).__module__)
print(model.predict(np.array([[1, 1, 2, 0, 3]]), verbose=0))
