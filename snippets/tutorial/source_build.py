import inspect

import keras

print("keras", keras.__version__)
print(inspect.getsource(keras.layers.Embedding.build))
