# docs: fails-on-numpy=that backend does not implement `fit`
import numpy as np
import keras

keras.utils.set_random_seed(0)
vectors = np.random.default_rng(0).standard_normal((5, 3)).astype("float32")

ids = keras.Input(shape=(2,), dtype="int32", name="ids")
embedding = keras.layers.Embedding(5, 3, weights=[vectors], trainable=False, name="pretrained")
pooled = keras.layers.GlobalAveragePooling1D(name="average")(embedding(ids))
model = keras.Model(ids, keras.layers.Dense(1, name="score")(pooled), name="classifier")
model.compile(optimizer="adam", loss="mse")

print("trainable weights:", [w.path for w in model.trainable_weights])
model.fit(np.array([[1, 2], [3, 4]]), np.array([[1.0], [0.0]]), epochs=5, verbose=0)
print("embedding unchanged after training:", np.array_equal(embedding.get_weights()[0], vectors))
