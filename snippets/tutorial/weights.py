import keras

keras.utils.set_random_seed(0)

layer = keras.layers.Embedding(
    input_dim=4, output_dim=3, embeddings_initializer="ones", name="embedding"
)
layer.build()  # creates the weight; the initializer runs now, before any input is seen

print("initializer:", type(layer.embeddings_initializer).__name__)
print("weight name:", layer.embeddings.name)
print("weight shape:", layer.embeddings.shape, "= (input_dim, output_dim)")
print("parameters:", layer.count_params())
print(keras.ops.convert_to_numpy(layer.embeddings))
