import numpy as np
import keras

table = np.arange(12, dtype="float32").reshape(4, 3)
layer = keras.layers.Embedding(4, 3, embeddings_initializer=keras.initializers.Constant(table))

rows = keras.ops.convert_to_numpy(layer(np.array([-1, -4, 3])))
print(rows)

assert np.array_equal(rows, table[[3, 0, 3]])  # -1 is the last row, -4 the first; no error
