import inspect

import numpy as np
import tf_keras

source = inspect.getsource(tf_keras.layers.Embedding.call)
# Skip the SparseTensor branches; show how dense ids become vectors.
start = source.index("        elif self._use_one_hot_matmul:")
end = source.index("        if self.sparse and not isinstance(out, tf.SparseTensor):")
print("tf_keras", tf_keras.__version__)
print(source[: source.index("\n") + 1] + "        ...")
print(source[start:end].rstrip())

# The private flag is off by default; turned on, the one-hot branch gives the same rows.
ids = np.array([[1, 1, 2, 0, 3]])
table = tf_keras.initializers.Constant(np.arange(12.0).reshape(4, 3))
by_lookup = tf_keras.layers.Embedding(4, 3, embeddings_initializer=table)
by_one_hot = tf_keras.layers.Embedding(4, 3, embeddings_initializer=table, use_one_hot_matmul=True)
same = bool((by_lookup(ids).numpy() == by_one_hot(ids).numpy()).all())
print("\nuse_one_hot_matmul by default:", by_lookup._use_one_hot_matmul, "| both branches give the same rows:", same)
assert not by_lookup._use_one_hot_matmul and by_one_hot._use_one_hot_matmul and same
