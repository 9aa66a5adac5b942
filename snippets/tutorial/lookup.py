import json

import numpy as np
import keras

table = np.arange(12, dtype="float32").reshape(4, 3)  # row i is easy to recognise

ids = keras.Input(shape=(5,), dtype="int32", name="ids")
embedding = keras.layers.Embedding(
    input_dim=4,
    output_dim=3,
    embeddings_initializer=keras.initializers.Constant(table),
    name="embedding",
)
model = keras.Model(ids, embedding(ids), name="lookup")

x = np.array([[1, 1, 2, 0, 3]])
output = model.predict(x, verbose=0)[0]

print("weight matrix:")
print(table)
print("output, one row per id:")
for i, row in zip(x[0], output, strict=True):
    print(f"  id {i} -> {row}   (weight row {i}: {table[i]})")

# The same arrays as JSON, for the page's interactive figure (written next to this script).
one_hot = np.eye(4, dtype="int32")[x[0]]
assert (one_hot @ table == output).all()  # the one-hot product gives the same rows
arrays = {"ids": x[0].tolist(), "one_hot": one_hot.tolist(), "weights": table.tolist(), "outputs": output.tolist()}
with open("lookup.json", "w") as f:
    json.dump(arrays, f)
