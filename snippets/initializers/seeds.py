import numpy as np
import keras


def initial_weights(seed=None):
    layer = keras.layers.Embedding(100, 8, embeddings_initializer=keras.initializers.RandomUniform(seed=seed))
    layer.build()
    return keras.ops.convert_to_numpy(layer.embeddings)


# Printing only comparisons keeps this output the same on every run.
print("same seed, same weights:     ", np.array_equal(initial_weights(seed=1), initial_weights(seed=1)))
print("different seeds, same weights:", np.array_equal(initial_weights(seed=1), initial_weights(seed=2)))
print("no seed, same weights:       ", np.array_equal(initial_weights(), initial_weights()))

keras.utils.set_random_seed(3)
first = initial_weights()
keras.utils.set_random_seed(3)
print("global seed reset, same weights:", np.array_equal(first, initial_weights()))
