import numpy as np
import tensorflow as tf
import keras

layer = keras.layers.Embedding(6, 2, embeddings_initializer="zeros", name="embedding")
layer.build()
optimizer = keras.optimizers.SGD(learning_rate=0.1)

ids = np.array([[4, 1, 4]])  # id 4 twice, id 1 once, ids 0, 2, 3, 5 not at all
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(layer(ids))
optimizer.apply_gradients([(tape.gradient(loss, layer.trainable_weights[0].value), layer.trainable_weights[0])])

after = keras.ops.convert_to_numpy(layer.embeddings)
print(after)
print("rows that changed:", np.flatnonzero(np.any(after != 0, axis=1)).tolist())
print("row 4 moved", after[4, 0] / after[1, 0], "times as far as row 1")

assert np.flatnonzero(np.any(after != 0, axis=1)).tolist() == [1, 4]  # only the looked-up rows
assert np.array_equal(after[4], 2 * after[1])  # looked up twice, moved twice as far
