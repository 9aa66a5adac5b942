# docs: fails-on-numpy=that backend does not implement `fit`
import numpy as np
import keras

keras.utils.set_random_seed(0)
model = keras.Sequential([
    keras.Input(shape=(10,), dtype="int32"),
    keras.layers.Embedding(20_000, 128, name="embedding"),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(1, name="dense"),
])
layer = model.get_layer("embedding")


def trainable(of):
    return sum(int(np.prod(w.shape)) for w in of.trainable_weights)


print(f"before: embedding trainable {trainable(layer):>10,} | model trainable {trainable(model):>10,}")
original = layer.get_weights()[0].copy()
ids = np.random.default_rng(0).integers(0, 20_000, size=(32, 10))
before = keras.ops.convert_to_numpy(model(ids))
layer.enable_lora(rank=8)
print(f"after:  embedding trainable {trainable(layer):>10,} | model trainable {trainable(model):>10,}")
for w in layer.weights:
    print(f"  {w.name:20}{w.shape!s:15}trainable={w.trainable}")

unchanged = np.array_equal(keras.ops.convert_to_numpy(model(ids)), before)
print("output unchanged right after enable_lora:", unchanged)  # B starts at zero
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
model.fit(ids, np.ones((32, 1)), epochs=3, verbose=0)
frozen = keras.ops.convert_to_numpy(layer.weights[0])
merged = keras.ops.convert_to_numpy(layer.embeddings)  # table + (alpha / rank) * A @ B
print("max change of the original table:", float(np.abs(frozen - original).max()))
adam_shapes = [tuple(v.shape) for v in model.optimizer.variables if len(v.shape) == 2]
print("Adam's 2-D variables:", adam_shapes)
print("max change of layer.embeddings (with the LoRA delta):", f"{np.abs(merged - original).max():.4f}")

assert trainable(layer) == 20_000 * 8 + 8 * 128  # A: (input_dim, rank), B: (rank, output_dim)
assert layer.weights[0].name == "embeddings" and not layer.weights[0].trainable  # the table is frozen
assert (frozen == original).all()  # and training left it alone
assert (20_000, 128) not in adam_shapes  # no table-sized optimizer copies
assert unchanged  # B starts at zero, so enabling LoRA changes nothing yet
assert not np.allclose(merged, original)  # what training changed is the low-rank delta
