import numpy as np
import keras

keras.utils.set_random_seed(0)

ids = keras.Input(shape=(5,), name="ids")
vectors = keras.layers.Embedding(
    input_dim=4,
    output_dim=3,
    embeddings_initializer="ones",
    name="embedding",
)(ids)
model = keras.Model(ids, vectors, name="puzzle")
model.compile(optimizer="rmsprop", loss="categorical_crossentropy")

# No training at all: predict straight away.
prediction = model.predict(np.array([[1, 1, 2, 0, 3]]), verbose=0)
print(prediction.shape, prediction.dtype)
print(prediction)

# The optimizer and the loss play no part in predict: the same layers, never compiled, predict the same.
assert (keras.Model(ids, vectors).predict(np.array([[1, 1, 2, 0, 3]]), verbose=0) == prediction).all()
