import numpy as np
import tensorflow as tf
import keras

layer = keras.layers.Embedding(
    input_dim=6, output_dim=2, embeddings_initializer=keras.initializers.Constant(1.0), name="embedding"
)
ids = np.array([[4, 1, 4]])

with tf.GradientTape() as tape:
    loss = tf.reduce_sum(layer(ids))  # every output number counts once
gradient = tape.gradient(loss, layer.embeddings.value)

print(type(gradient).__name__)
print("indices:", gradient.indices.numpy())  # one entry per looked-up id, repeats included
print("values:", gradient.values.numpy().tolist())
print("as a dense (6, 2) matrix:")
print(tf.convert_to_tensor(gradient).numpy())

assert isinstance(gradient, tf.IndexedSlices)  # on the TensorFlow backend
assert sorted(gradient.indices.numpy().tolist()) == [1, 4, 4]  # rows 0, 2, 3, 5 are not stored
