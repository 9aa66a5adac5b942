import numpy as np
import keras


def table(initializer):
    """The initial weights of a fresh Embedding layer built with `initializer`."""
    layer = keras.layers.Embedding(100, 8, embeddings_initializer=initializer)
    layer.build()
    return keras.ops.convert_to_numpy(layer.embeddings)


# Only comparisons are printed, so this output is the same on every run.
same = {
    "two instances, same seed": np.array_equal(
        table(keras.initializers.RandomUniform(seed=1)), table(keras.initializers.RandomUniform(seed=1))
    ),
    "two instances, different seeds": np.array_equal(
        table(keras.initializers.RandomUniform(seed=1)), table(keras.initializers.RandomUniform(seed=2))
    ),
    "two instances, no seed": np.array_equal(
        table(keras.initializers.RandomUniform()), table(keras.initializers.RandomUniform())
    ),
}
unseeded = keras.initializers.RandomUniform()  # one instance, used twice
same["one unseeded instance, used twice"] = np.array_equal(table(unseeded), table(unseeded))
seeded = keras.initializers.RandomUniform(seed=7)  # one instance, shared by two layers
same["one seeded instance, used twice"] = np.array_equal(table(seeded), table(seeded))
keras.utils.set_random_seed(3)
first = table("uniform")
keras.utils.set_random_seed(3)
same["global seed reset, then 'uniform'"] = np.array_equal(first, table("uniform"))

for case, equal in same.items():
    print(f"{case:36} same weights: {equal}")

assert list(same.values()) == [True, False, False, True, True, True]
# Given a name, each layer makes an initializer instance of its own.
assert keras.layers.Embedding(2, 2).embeddings_initializer is not keras.layers.Embedding(2, 2).embeddings_initializer
