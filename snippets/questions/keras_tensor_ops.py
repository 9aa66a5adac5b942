import json

import numpy as np
import keras

vectors = np.arange(15, dtype="float32").reshape(5, 3)  # a fixed table: 5 ids, 3 numbers each
ids = keras.Input((4,), dtype="int32", name="ids")
one_hot = keras.ops.one_hot(ids, 5)  # instead of tf.one_hot
looked_up = keras.ops.take(vectors, ids, axis=0)  # instead of tf.gather or tf.nn.embedding_lookup
frozen = keras.layers.Embedding(5, 3, weights=[vectors], trainable=False, name="frozen")(ids)
model = keras.Model(ids, [one_hot, looked_up, frozen], name="fixed")
print("one_hot:", type(one_hot).__name__, one_hot.shape, one_hot.dtype)
print("take:   ", type(looked_up).__name__, looked_up.shape, looked_up.dtype)

batch = np.array([[0, 2, 4, 2]])
one_hot_out, take_out, frozen_out = model.predict(batch, verbose=0)
print("ids:", batch.tolist())
print("one_hot(ids, 5):", one_hot_out[0].astype(int).tolist())
print("take(vectors, ids):", take_out[0].tolist())
print("weights in the model:", [w.path for w in model.weights])
take_node = next(layer for layer in model.get_config()["layers"] if layer["class_name"] == "Take")
table_arg = take_node["inbound_nodes"][0]["args"][0]  # the first argument take was called with
print("take's config holds the table:", table_arg["class_name"], json.dumps(table_arg["config"]["value"][:2]), "...")

assert np.array_equal(one_hot_out, np.eye(5)[batch])
assert np.array_equal(take_out, vectors[batch]) and np.array_equal(frozen_out, take_out)
assert table_arg["config"]["value"] == vectors.tolist()  # the whole table, as numbers in the config
