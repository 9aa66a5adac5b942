import numpy as np
import keras

# Stand-in for vectors trained elsewhere (word2vec, GloVe, ...): one row per vocabulary id.
vectors = np.random.default_rng(0).standard_normal((5, 3)).astype("float32")
ids = np.array([[4, 0, 2]])

by_weights = keras.layers.Embedding(5, 3, weights=[vectors], name="by_weights")
by_initializer = keras.layers.Embedding(
    5, 3, embeddings_initializer=keras.initializers.Constant(vectors), name="by_initializer"
)
by_set_weights = keras.layers.Embedding(5, 3, name="by_set_weights")
by_set_weights.build()
by_set_weights.set_weights([vectors])

for layer in (by_weights, by_initializer, by_set_weights):
    output = keras.ops.convert_to_numpy(layer(ids))[0]
    print(f"{layer.name:<15} output rows are vectors[4, 0, 2]: {np.array_equal(output, vectors[[4, 0, 2]])}")
