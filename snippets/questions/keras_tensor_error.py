# docs: raises=ValueError
import numpy as np
import keras
import tensorflow as tf

vectors = tf.constant(np.arange(15, dtype="float32").reshape(5, 3))  # a fixed table: 5 ids, 3 numbers each
ids = keras.Input((4,), dtype="int32", name="ids")
print(ids)  # a KerasTensor: a shape and a dtype, no numbers yet

for name, op in [
    ("tf.gather", lambda: tf.gather(vectors, ids)),
    ("tf.nn.embedding_lookup", lambda: tf.nn.embedding_lookup(vectors, ids)),
]:
    try:
        op()
    except ValueError as error:
        print(f"{name}: ValueError: {str(error).split('. ')[0]}.")

one_hot = tf.one_hot(ids, 5)  # the same ValueError, shown whole
