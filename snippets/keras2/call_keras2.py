import inspect

import tf_keras

source = inspect.getsource(tf_keras.layers.Embedding.call)
# Skip the SparseTensor branches; show how dense ids become vectors.
start = source.index("        elif self._use_one_hot_matmul:")
end = source.index("        if self.sparse and not isinstance(out, tf.SparseTensor):")
print("tf_keras", tf_keras.__version__)
print(source[: source.index("\n") + 1] + "        ...")
print(source[start:end].rstrip())
