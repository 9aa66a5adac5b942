# docs: raises=InvalidArgumentError
import numpy as np
import keras

layer = keras.layers.Embedding(input_dim=4, output_dim=3, name="embedding")

print(layer(np.array([[0, 3]])).shape)  # ids 0..3 exist: fine
layer(np.array([[0, 4]]))  # id 4 needs a fifth row
