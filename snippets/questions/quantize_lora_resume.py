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
embedding.enable_lora(4, lora_alpha=8)
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
model.fit(ids, targets, epochs=2, batch_size=16, verbose=0)  # 8 steps of LoRA on the int8 table


def factors_zero(layer):
    return not any(keras.ops.convert_to_numpy(w).any() for w in (layer.lora_embeddings_a, layer.lora_embeddings_b))


def train_more(reloaded, new_optimizer):
    if new_optimizer:
        reloaded.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    reloaded.fit(ids, targets, epochs=2, batch_size=16, verbose=0)
    return factors_zero(reloaded.get_layer("embedding"))


with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "m.keras")
    model.save(path)

    reloaded = keras.models.load_model(path)
    try:
        reloaded.get_layer("embedding").enable_lora(4, lora_alpha=8)
    except ValueError as error:
        print("enable_lora on the reloaded layer: ValueError:", error)

    stuck = train_more(reloaded, new_optimizer=True)
    print("new optimizer, 8 more steps: A and B still all zero:", stuck)

    reloaded = keras.models.load_model(path)
    momentum = [v for v in reloaded.optimizer.variables if "lora" in v.path and "momentum" in v.path]
    print(f"optimizer restored by load_model: {int(reloaded.optimizer.iterations)} steps done,",
          f"momentum for the {len(momentum)} LoRA factors nonzero:", all(keras.ops.convert_to_numpy(v).any() for v in momentum))
    restored = train_more(reloaded, new_optimizer=False)
    print("optimizer restored by load_model, 8 more steps: A and B still all zero:", restored)

    reloaded = keras.models.load_model(path)
    layer = reloaded.get_layer("embedding")
    before = reloaded.predict(ids, verbose=0)
    layer.lora_embeddings_a.assign(keras.initializers.HeUniform(seed=0)(layer.lora_embeddings_a.shape))  # as enable_lora starts A
    layer.lora_alpha = 8  # load_model left it at lora_rank
    unchanged = np.array_equal(reloaded.predict(ids, verbose=0), before)
    print("new random A, B still zero: predictions unchanged:", unchanged)
    restarted = train_more(reloaded, new_optimizer=True)
    print("new random A, new optimizer, 8 more steps: A and B still all zero:", restarted)

assert stuck  # zero A and zero B give each other zero gradients
assert not restored  # Adam's saved momentum moves them off zero
assert unchanged and not restarted  # a random A restarts LoRA from the merged table
