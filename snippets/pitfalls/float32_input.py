import warnings

import numpy as np
import keras

big = 2**24  # 16,777,216: above it, float32 cannot hold every integer
rows = big + 8
# Row i holds i - big, a small number float32 stores exactly, so each output names its row.
table = (np.arange(rows) - big).astype("float32").reshape(-1, 1)  # 64 MiB
ids = np.array([[big + 1, big + 3]])
assert keras.Input(shape=(2,)).dtype == keras.config.floatx() == "float32"  # Input's dtype when none is given

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for dtype in ("float32", "int32"):  # float32 is what Input uses unless told otherwise
        inputs = keras.Input(shape=(2,), dtype=dtype)
        embedding = keras.layers.Embedding(rows, 1, embeddings_initializer=keras.initializers.Constant(table))
        model = keras.Model(inputs, embedding(inputs))
        looked_up = model.predict(ids, verbose=0).ravel().astype("int64") + big
        print(f"Input dtype {dtype}: ids {ids[0].tolist()} -> rows {looked_up.tolist()}")
        expected = [big, big + 4] if dtype == "float32" else [big + 1, big + 3]  # float32 rounds both ids
        assert looked_up.tolist() == expected
assert not caught  # not one warning, although float32 rounded both ids
