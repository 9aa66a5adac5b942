import os
import tempfile

import numpy as np
import keras

keras.utils.set_random_seed(0)
inputs = keras.Input((5,), dtype="int32", name="ids")
embedding = keras.layers.Embedding(1000, 16, name="embedding")
model = keras.Model(inputs, embedding(inputs), name="lookup")
embedding.quantize("int8")  # the layer is built (the model called it), so it can be quantized
ids = np.array([[1, 2, 3, 998, 999]])
vectors = model.predict(ids, verbose=0)


def describe(layer):
    weights = ", ".join(f"{w.name} {w.dtype} {tuple(w.shape)}" for w in layer.weights)
    return f"{layer.dtype_policy.name}: {weights}"


with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "quantized.keras")
    model.save(path)
    reloaded = keras.models.load_model(path)

print("saved:   ", describe(embedding))
print("reloaded:", describe(reloaded.get_layer("embedding")))
same_weights = all(np.array_equal(a, b) for a, b in zip(model.get_weights(), reloaded.get_weights(), strict=True))
same_vectors = np.array_equal(reloaded.predict(ids, verbose=0), vectors)
print("int8 table and scales identical:", same_weights, "| looked-up vectors identical:", same_vectors)

assert reloaded.get_layer("embedding").dtype_policy.name == "int8_from_float32"  # it comes back quantized
assert same_weights and same_vectors
