import json

import numpy as np
import keras

# Stand-in for vectors trained elsewhere (word2vec, GloVe, ...): one row per vocabulary id.
vectors = np.random.default_rng(0).standard_normal((1000, 50)).astype("float32")
ids = np.array([[4, 0, 2]])

by_weights = keras.layers.Embedding(1000, 50, weights=[vectors], name="by_weights")
by_initializer = keras.layers.Embedding(
    1000, 50, embeddings_initializer=keras.initializers.Constant(vectors), name="by_initializer"
)
by_set_weights = keras.layers.Embedding(1000, 50, name="by_set_weights")
by_set_weights.build()
by_set_weights.set_weights([vectors])

config_size = {}
for layer in (by_weights, by_initializer, by_set_weights):
    output = keras.ops.convert_to_numpy(layer(ids))[0]
    config_size[layer.name] = len(json.dumps(layer.get_config()))
    print(
        f"{layer.name:<15} rows are vectors[4, 0, 2]: {np.array_equal(output, vectors[[4, 0, 2]])}"
        f"   config: {config_size[layer.name]:>9,} characters"
    )

# Constant(matrix) writes all 50,000 numbers into the layer's config; the other two keep
# them in the weights only.
assert config_size["by_initializer"] > 100 * config_size["by_weights"]
