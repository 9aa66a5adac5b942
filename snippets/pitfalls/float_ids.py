import numpy as np
import keras

table = np.arange(12, dtype="float32").reshape(4, 3)
layer = keras.layers.Embedding(4, 3, embeddings_initializer=keras.initializers.Constant(table))

ids = np.array([1.7, 2.2, 0.9, -0.5, -1.7], dtype="float32")
rows = keras.ops.convert_to_numpy(layer(ids))
for value, row in zip(ids, rows, strict=True):
    print(f"id {value:5.1f} -> row {table.tolist().index(row.tolist())}")

picked = [table.tolist().index(row.tolist()) for row in rows]
assert picked == [1, 2, 0, 0, 3]  # truncated toward zero (never rounded); -1.7 -> -1 -> last row
