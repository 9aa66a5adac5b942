import numpy as np
import tensorflow as tf

weights = tf.Variable(np.ones((6, 2), dtype=np.float32))
ids = tf.constant([4, 1, 4])

with tf.GradientTape(persistent=True) as tape:
    by_lookup = tf.reduce_sum(tf.gather(weights, ids))
    by_matmul = tf.reduce_sum(tf.one_hot(ids, 6) @ weights)

lookup_grad = tape.gradient(by_lookup, weights)
matmul_grad = tape.gradient(by_matmul, weights)
print("gather:", type(lookup_grad).__name__, "with", lookup_grad.values.shape[0], "rows")
print("matmul:", type(matmul_grad).__name__, "of shape", tuple(matmul_grad.shape))
print("same numbers:", np.array_equal(tf.convert_to_tensor(lookup_grad).numpy(), matmul_grad.numpy()))

assert isinstance(lookup_grad, tf.IndexedSlices) and not isinstance(matmul_grad, tf.IndexedSlices)
assert tuple(matmul_grad.shape) == (6, 2)  # the whole table, zeros included
