# docs: backend=jax
import os

os.environ["KERAS_BACKEND"] = "jax"  # before Keras is imported: the backend is chosen once

import numpy as np
import keras

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
ids, targets = rng.integers(1, 20, (64, 5)), rng.standard_normal((64, 1))


def frozen_then_unfrozen():
    """Train with the embedding frozen, then set trainable=True; return the model and its embedding layer."""
    embedding = keras.layers.Embedding(20, 8, trainable=False)
    model = keras.Sequential([keras.Input((5,), dtype="int32"), embedding, keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
    model.fit(ids, targets, epochs=3, batch_size=16, verbose=0)
    embedding.trainable = True
    return model, embedding


model, _ = frozen_then_unfrozen()
errors = []
try:
    model.fit(ids, targets, epochs=3, batch_size=16, verbose=0)  # no compile()
except ValueError as error:
    errors.append("ValueError")
    print("no compile(): ValueError:", error)
try:
    model.get_weights()
except TypeError as error:
    errors.append("TypeError")
    print("then get_weights(): TypeError:", error)

model, embedding = frozen_then_unfrozen()
before = keras.ops.convert_to_numpy(embedding.embeddings)
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="mse")
model.fit(ids, targets, epochs=3, batch_size=16, verbose=0)
moved = float(np.abs(keras.ops.convert_to_numpy(embedding.embeddings) - before).max())
print(f"compile() with a new Adam(1e-4), then fit: the embedding moved by up to {moved:.6f}")
assert errors == ["ValueError", "TypeError"]  # fit refused, and the model's weights were left without values
assert moved > 0  # with compile() first, the table trains
