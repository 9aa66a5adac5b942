import numpy as np
import keras

keras.utils.set_random_seed(0)
layer = keras.layers.Embedding(
    input_dim=1000, output_dim=4, embeddings_initializer="glorot_uniform", name="embedding"
)

ids = np.array([[7, 42, 7, 999]])
output = keras.ops.convert_to_numpy(layer(ids))[0]  # the first call builds the weights
initial = keras.ops.convert_to_numpy(layer.embeddings)

print("output row for id 42:", output[1])
print("weight row 42:       ", initial[42])
print("every output row is its weight row:", np.array_equal(output, initial[ids[0]]))
