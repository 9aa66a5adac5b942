# docs: fails-on-numpy=that backend does not implement `fit`
import io
import os
import tempfile
import zipfile

import h5py
import numpy as np
import keras

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
ids, targets = rng.integers(1, 50, (64, 6)), rng.standard_normal((64, 1))

inputs = keras.Input((6,), dtype="int32", name="ids")
x = keras.layers.Embedding(50, 8, name="embedding")(inputs)
x = keras.layers.GlobalAveragePooling1D(name="average")(x)
model = keras.Model(inputs, keras.layers.Dense(1, name="score")(x), name="scorer")
model.compile(optimizer="adam", loss="mse")
model.fit(ids, targets, epochs=2, batch_size=16, verbose=0)  # 8 steps: the table is no longer its random start
table = model.get_layer("embedding").get_weights()[0]
scores = model.predict(ids[:2], verbose=0)

with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "m.keras")
    model.save(path)
    with zipfile.ZipFile(path) as archive:  # a .keras file is a zip archive
        print("m.keras holds:", archive.namelist())
        with h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r") as weights:
            stored = weights["layers/embedding/vars/0"][...]
    print("model.weights.h5, layers/embedding/vars/0:", stored.shape, stored.dtype)
    reloaded = keras.models.load_model(path)

table_again = reloaded.get_layer("embedding").get_weights()[0]
print("row 7 before saving:", np.round(table[7, :4], 6), "...")
print("row 7 after loading:", np.round(table_again[7, :4], 6), "...")
print("table identical:", np.array_equal(table_again, table))
print("predictions identical:", np.array_equal(reloaded.predict(ids[:2], verbose=0), scores))
print("optimizer steps:", int(model.optimizer.iterations), "saved,", int(reloaded.optimizer.iterations), "reloaded")

assert np.array_equal(stored, table)  # the file holds the trained table itself
assert np.array_equal(table_again, table)  # every number comes back, bit for bit
assert np.array_equal(reloaded.predict(ids[:2], verbose=0), scores)
assert int(reloaded.optimizer.iterations) == int(model.optimizer.iterations) == 8  # the optimizer's state too
assert all(np.array_equal(a, b) for a, b in zip(model.optimizer.variables, reloaded.optimizer.variables, strict=True))
