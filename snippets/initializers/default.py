import keras

layer = keras.layers.Embedding(input_dim=4, output_dim=3, name="embedding")

initializer = layer.embeddings_initializer  # nothing passed: the default
print(type(initializer).__name__, initializer.get_config())
