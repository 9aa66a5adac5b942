import numpy as np
import keras

keras.utils.set_random_seed(0)
layer = keras.layers.Embedding(input_dim=20_000, output_dim=128, name="embedding")
try:
    layer.quantize("int8")
except ValueError as error:
    print("before build: ValueError:", str(error).splitlines()[0])

ids = np.random.default_rng(0).integers(0, 20_000, size=(64, 20))
before = keras.ops.convert_to_numpy(layer(ids))  # calling the layer builds it
float_table = layer.get_weights()[0]


def describe(title):
    print(title, "dtype policy", layer.dtype_policy.name)
    for w in layer.weights:
        value = keras.ops.convert_to_numpy(w)
        print(f"  {w.name:18}{value.dtype!s:9}{value.shape!s:15}{value.nbytes:>12,} bytes  trainable={w.trainable}")
    print(f"  {'total':42}{sum(keras.ops.convert_to_numpy(w).nbytes for w in layer.weights):>12,} bytes")


describe("float32 layer,")
layer.quantize("int8")
describe("after quantize('int8'),")

after = keras.ops.convert_to_numpy(layer(ids))
error = np.abs(after - before)
step = np.abs(float_table).max(axis=1) / 127  # one int8 step for each row
print(f"max abs error {error.max():.2e}, mean {error.mean():.2e}; table values up to {np.abs(float_table).max():.4f}")
int8_table = keras.ops.convert_to_numpy(layer.embeddings)
print("layer.embeddings is now", int8_table.dtype, "from", int8_table.min(), "to", int8_table.max())

assert layer.weights[0].dtype == "int8" and layer.weights[1].shape == (20_000,)  # int8 rows + one scale per row
assert layer.trainable_weights == []  # a quantized table is not trained
assert (error <= step[ids][..., None] / 2 + 1e-7).all()  # within half a step of its row
