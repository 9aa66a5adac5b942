import io
import json
import os
import tempfile
import zipfile

import h5py
import numpy as np
import keras

rng = np.random.default_rng(0)
table = rng.uniform(-0.05, 0.05, (1000, 16)).astype("float32")
lora_a = rng.normal(0, 0.3, (1000, 4)).astype("float32")
lora_b = rng.normal(0, 0.05, (4, 16)).astype("float32")  # stands in for what fine-tuning learned
ids = np.array([[1, 2, 3, 998, 999]])


def build(order):
    inputs = keras.Input((5,), dtype="int32", name="ids")
    layer = keras.layers.Embedding(1000, 16, weights=[table], name="embedding")
    model = keras.Model(inputs, layer(inputs), name="lookup")
    for step in order:
        if step == "quantize":
            layer.quantize("int8")
        else:
            layer.enable_lora(4, lora_alpha=8)
            layer.lora_embeddings_a.assign(lora_a)
            layer.lora_embeddings_b.assign(lora_b)
    return model


def values(layer):
    return {w.name: keras.ops.convert_to_numpy(w) for w in layer.weights}


for order in (["lora", "quantize"], ["quantize", "lora"]):
    model = build(order)
    layer = model.get_layer("embedding")
    before = model.predict(ids, verbose=0)
    saved = values(layer)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "m.keras")
        model.save(path)
        with zipfile.ZipFile(path) as archive:
            config = json.loads(archive.read("config.json"))
            with h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r") as weights:
                stored = {k: f"{v.dtype} {v.shape}" for k, v in weights["layers/embedding/vars"].items()}
        reloaded = keras.models.load_model(path)
    layer_config = next(entry["config"] for entry in config["config"]["layers"] if entry["name"] == "embedding")
    again = reloaded.get_layer("embedding")
    after = reloaded.predict(ids, verbose=0)
    loaded = values(again)

    print(" then ".join(order) + ":")
    print("  model.weights.h5 stores for the layer:", stored)
    print(f"  config.json: lora_rank={layer_config['lora_rank']}, lora_alpha={layer_config['lora_alpha']}")
    print(f"  reloaded: {again.dtype_policy.name}, lora_enabled={again.lora_enabled},",
          f"lora_rank={again.lora_rank}, lora_alpha={again.lora_alpha}")
    print("  reloaded LoRA factors all zero:",
          not loaded["lora_embeddings_a"].any() and not loaded["lora_embeddings_b"].any())
    print("  int8 table identical to the one saved:", np.array_equal(loaded["embeddings"], saved["embeddings"]))
    # what was saved: the table as the layer used it (int8 / scale + the LoRA delta), quantized again
    merged = saved["embeddings"] / saved["embeddings_scale"][:, None] + (8 / 4) * saved["lora_embeddings_a"] @ saved["lora_embeddings_b"]
    half_step = 1 / loaded["embeddings_scale"][:, None] / 2  # half an int8 step of each reloaded row
    print("  reloaded table within half an int8 step of table + LoRA delta:",
          bool((np.abs(loaded["embeddings"] / loaded["embeddings_scale"][:, None] - merged) <= half_step + 1e-7).all()))
    print("  predictions identical:", np.array_equal(after, before),
          "| within half an int8 step:", bool((np.abs(after - before) <= half_step[ids] + 1e-7).all()))

    assert list(stored) == ["0", "1"]  # the int8 table and its scales, no LoRA factors
    assert again.quantization_mode == "int8" and again.lora_enabled and again.lora_rank == 4
    assert layer_config["lora_alpha"] == 8 and again.lora_alpha == 4  # build() calls enable_lora(lora_rank) alone
    assert not loaded["lora_embeddings_a"].any() and not loaded["lora_embeddings_b"].any()
    assert (np.abs(after - before) <= half_step[ids] + 1e-7).all()  # only the second rounding differs
