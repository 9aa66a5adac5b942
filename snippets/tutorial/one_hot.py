import numpy as np
import keras

table = np.arange(12, dtype="float32").reshape(4, 3)
layer = keras.layers.Embedding(
    input_dim=4,
    output_dim=3,
    embeddings_initializer=keras.initializers.Constant(table),
    name="embedding",
)

x = np.array([1, 1, 2, 0, 3])
looked_up = keras.ops.convert_to_numpy(layer(x))

one_hot = keras.ops.convert_to_numpy(keras.ops.one_hot(x, 4))  # shape (5, 4)
weights = keras.ops.convert_to_numpy(layer.embeddings)  # shape (4, 3)
product = one_hot @ weights  # shape (5, 3)

print("one_hot(x, 4):")
print(one_hot)
print("one_hot(x, 4) @ W:")
print(product)
print("equal to the layer output:", np.array_equal(product, looked_up))
print("largest difference:", np.abs(product - looked_up).max())
