import itertools

import numpy as np
import keras

words = ["cat", "dog", "pizza", "pasta", "rain"]
one_hot = keras.ops.convert_to_numpy(keras.ops.one_hot(np.arange(len(words)), len(words)))
for word, vector in zip(words, one_hot, strict=True):
    print(f"{word:6}{vector}")

print("\npair           distance  cosine similarity")
distances, cosines = [], []
for (i, a), (j, b) in itertools.combinations(enumerate(words), 2):
    distance = np.linalg.norm(one_hot[i] - one_hot[j])
    cosine = one_hot[i] @ one_hot[j] / (np.linalg.norm(one_hot[i]) * np.linalg.norm(one_hot[j]))
    distances.append(distance)
    cosines.append(cosine)
    print(f"{a + ' – ' + b:14}{distance:9.3f}{cosine:12.1f}")

assert np.allclose(distances, np.sqrt(2))  # every pair is the same distance apart: √2
assert np.allclose(cosines, 0.0)  # and at right angles: cat is no closer to dog than to pizza

# A Dense layer without a bias, fed these one-hot vectors, gives the rows an Embedding looks up.
table = np.arange(15, dtype="float32").reshape(5, 3)
dense = keras.layers.Dense(3, use_bias=False, kernel_initializer=keras.initializers.Constant(table))
embedding = keras.layers.Embedding(5, 3, embeddings_initializer=keras.initializers.Constant(table))
assert np.array_equal(keras.ops.convert_to_numpy(dense(one_hot)), keras.ops.convert_to_numpy(embedding(np.arange(5))))
