import keras

# The rule of thumb from the TensorFlow 1 feature-columns guide: about the fourth root of the number of categories.
for categories in (81, 10_000, 1_000_000):
    print(f"{categories:>9,} categories: fourth root {categories ** 0.25:5.1f}")

input_dim = 10_000
print(f"\nEmbedding(input_dim={input_dim:,}, output_dim)")
print("output_dim  count_params()  float32 table")
for output_dim in (8, 16, 64, 256, 1024):
    layer = keras.layers.Embedding(input_dim, output_dim)
    layer.build()
    params = layer.count_params()
    print(f"{output_dim:>10}{params:>16,}{params * 4 / 2**20:>13.1f} MiB")
    assert params == input_dim * output_dim  # one row of output_dim numbers per id
