import numpy as np
import keras

table = np.arange(12, dtype="float32").reshape(4, 3)
layer = keras.layers.Embedding(4, 3, embeddings_initializer=keras.initializers.Constant(table))

print(keras.ops.convert_to_numpy(layer(np.array([-1, -4, 3]))))
