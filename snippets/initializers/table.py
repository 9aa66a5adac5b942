import numpy as np
import keras

candidates = {
    "uniform (default)": "uniform",
    "zeros": "zeros",
    "ones": "ones",
    "RandomNormal(0, 0.05)": keras.initializers.RandomNormal(stddev=0.05, seed=0),
    "glorot_uniform": keras.initializers.GlorotUniform(seed=0),
    "Constant(arange)": keras.initializers.Constant(np.arange(4000.0).reshape(1000, 4)),
}

keras.utils.set_random_seed(0)  # seeds the string initializers too
print(f"{'initializer':<24}{'min':>10}{'max':>10}{'mean':>10}{'std':>10}")
stats = {}
for label, initializer in candidates.items():
    layer = keras.layers.Embedding(1000, 4, embeddings_initializer=initializer)
    layer.build()
    w = keras.ops.convert_to_numpy(layer.embeddings)
    stats[label] = (w.min(), w.max(), w.std())
    print(f"{label:<24}{w.min():10.4f}{w.max():10.4f}{w.mean():10.4f}{w.std():10.4f}")

low, high, std = stats["uniform (default)"]
assert -0.05 <= low and high <= 0.05 and abs(std - 0.05 / 3**0.5) < 0.002  # inside ±0.05, std near 0.029
assert abs(stats["RandomNormal(0, 0.05)"][2] - 0.05) < 0.002
assert stats["glorot_uniform"][1] <= (6 / (1000 + 4)) ** 0.5  # its interval: ±√(6 / (fan_in + fan_out))
