# docs: fails-on-numpy=that backend does not implement `fit`
import os
import tempfile

import numpy as np
import keras

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
ids, targets = rng.integers(0, 200, (64, 6)), rng.standard_normal((64, 1))

inputs = keras.Input((6,), dtype="int32", name="ids")
embedding = keras.layers.Embedding(200, 8, name="embedding")
x = keras.layers.GlobalAveragePooling1D(name="average")(embedding(inputs))
model = keras.Model(inputs, keras.layers.Dense(1, name="score")(x), name="scorer")
embedding.quantize("int8")

with tempfile.TemporaryDirectory() as folder:
    model.save(os.path.join(folder, "base.keras"))  # the int8 model, before LoRA: saved as it is
    embedding.enable_lora(4, lora_alpha=8)
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    model.fit(ids, targets, epochs=2, batch_size=16, verbose=0)
    tuned = model.predict(ids, verbose=0)
    # what training changed: the trainable weights (the LoRA factors and the Dense layer)
    adapter = {w.path: keras.ops.convert_to_numpy(w) for w in model.trainable_weights}
    np.savez(os.path.join(folder, "adapter.npz"), **adapter)
    print("adapter.npz:", {path: value.shape for path, value in adapter.items()})

    restored = keras.models.load_model(os.path.join(folder, "base.keras"))
    restored.get_layer("embedding").enable_lora(4, lora_alpha=8)
    with np.load(os.path.join(folder, "adapter.npz")) as saved:
        for w in restored.trainable_weights:
            w.assign(saved[w.path])
    same = np.array_equal(restored.predict(ids, verbose=0), tuned)
    print("base.keras + adapter.npz: predictions identical:", same)

layer = restored.get_layer("embedding")
print(f"restored: {layer.dtype_policy.name}, lora_rank={layer.lora_rank}, lora_alpha={layer.lora_alpha}")
assert same  # the same int8 table, the same factors: nothing was rounded twice
