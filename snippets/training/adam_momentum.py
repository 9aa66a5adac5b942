import numpy as np
import tensorflow as tf
import keras

layer = keras.layers.Embedding(4, 2, embeddings_initializer="zeros", name="embedding")
layer.build()
weights = layer.trainable_weights[0]
optimizer = keras.optimizers.Adam(learning_rate=0.1)


def step(ids):
    before = keras.ops.convert_to_numpy(weights)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(np.array([ids])))
    optimizer.apply_gradients([(tape.gradient(loss, weights.value), weights)])
    moved = np.any(keras.ops.convert_to_numpy(weights) != before, axis=1)
    print(f"looked up {ids}: rows that moved {np.flatnonzero(moved).tolist()}")


step([0])  # only row 0 has a gradient, and only row 0 moves
step([1])  # only row 1 has a gradient, but row 0 moves again: Adam's momentum
