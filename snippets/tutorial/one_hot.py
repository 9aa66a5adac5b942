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

assert np.array_equal(product, looked_up)  # exact: not one rounding difference

# Exact only while every weight is finite: 0 * inf is NaN, not 0.
weights[0, 0] = np.inf
layer.embeddings.assign(weights)
looked_up = keras.ops.convert_to_numpy(layer(x))
with np.errstate(invalid="ignore"):
    product = one_hot @ weights
print("with W[0, 0] = inf, first row of the product:", product[0])
print("and of the lookup:                            ", looked_up[0])
assert np.isnan(product[0, 0]) and looked_up[0].tolist() == [3.0, 4.0, 5.0]

# A -0.0 weight: the lookup copies it, sign included; the product adds +0.0 terms to it.
weights[0, 0] = -0.0
layer.embeddings.assign(weights)
looked_up = keras.ops.convert_to_numpy(layer(x))
product = one_hot @ weights
print("with W[0, 0] = -0.0, id 0 (x[3]) gives", product[3, 0], "by product and", looked_up[3, 0], "by lookup")
assert not np.signbit(product[3, 0]) and np.signbit(looked_up[3, 0])  # -0.0 + 0.0 is +0.0
