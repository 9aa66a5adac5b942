import numpy as np
import keras

rng = np.random.default_rng(0)
table = rng.uniform(-0.05, 0.05, (1000, 16)).astype("float32")
lora_a = rng.normal(0, 0.3, (1000, 4)).astype("float32")
lora_b = rng.normal(0, 0.05, (4, 16)).astype("float32")  # stands in for what fine-tuning learned
ids = np.array([[1, 2, 3, 998, 999]])


def tune(layer):
    layer.lora_embeddings_a.assign(lora_a)
    layer.lora_embeddings_b.assign(lora_b)


def values(layer):
    return {w.name: keras.ops.convert_to_numpy(w) for w in layer.weights}


def describe(title, layer):
    print(f"{title}: quantization_mode={layer.quantization_mode}, lora_enabled={layer.lora_enabled}")
    for w in layer.weights:
        print(f"  {w.name:18}{w.dtype:8}{tuple(w.shape)!s:11}trainable={w.trainable}")


lora_first = keras.layers.Embedding(1000, 16, weights=[table], name="embedding")
lora_first.enable_lora(4)
tune(lora_first)
lora_first.quantize("int8")  # no error: the frozen table is quantized, the LoRA factors stay float32
describe("enable_lora(4), then quantize('int8')", lora_first)

quantize_first = keras.layers.Embedding(1000, 16, weights=[table], name="embedding")
quantize_first.quantize("int8")
quantize_first.enable_lora(4)  # no error either: LoRA on an int8 table
tune(quantize_first)
describe("quantize('int8'), then enable_lora(4)", quantize_first)

out_lora_first = keras.ops.convert_to_numpy(lora_first(ids))
out_quantize_first = keras.ops.convert_to_numpy(quantize_first(ids))
float_lora = table[ids] + (4 / 4) * lora_a[ids] @ lora_b  # lora_alpha / rank = 1
half_step = np.abs(table).max(axis=1)[ids][..., None] / 127 / 2  # half an int8 step of each row
same_table = all(np.array_equal(values(lora_first)[n], values(quantize_first)[n]) for n in ("embeddings", "embeddings_scale"))
print("same int8 table and scales in both orders:", same_table)
print("same output in both orders:", np.array_equal(out_lora_first, out_quantize_first))
print("within half an int8 step of the float table + LoRA:", bool((np.abs(out_lora_first - float_lora) <= half_step + 1e-7).all()))

int4 = keras.layers.Embedding(1000, 16, weights=[table], name="embedding")
int4.quantize("int4")
try:
    int4.enable_lora(4)
    print("quantize('int4'), then enable_lora(4): no error")
except AttributeError as error:
    print("quantize('int4'), then enable_lora(4): AttributeError:", error)

assert values(lora_first)["embeddings"].dtype == np.int8 and same_table  # the table without the LoRA delta
assert np.array_equal(out_lora_first, out_quantize_first)  # the order does not change the result
assert (np.abs(out_lora_first - float_lora) <= half_step + 1e-7).all()  # only the table was rounded
