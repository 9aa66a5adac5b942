# docs: needs=jax
import os
import subprocess
import sys

# Each Keras backend needs a fresh interpreter: KERAS_BACKEND is read once, at import.
# The probe looks up one id in a 4-row table whose row i holds the number 10 * i.
PROBE = """
import sys
import numpy as np
import keras

xla = sys.argv[1] == "xla"
table = keras.initializers.Constant([[0.0], [10.0], [20.0], [30.0]])


def look_up(id_):
    if xla:  # what model.fit/predict usually run on a GPU: jit_compile="auto" picks XLA there
        model = keras.Sequential([keras.Input((1,)), keras.layers.Embedding(4, 1, embeddings_initializer=table)])
        model.compile(jit_compile=True)
        return model.predict(np.array([[id_]]), verbose=0)
    return keras.layers.Embedding(4, 1, embeddings_initializer=table)(np.array([[id_]]))


for id_ in (4, -1, 1.7):
    try:
        value = float(keras.ops.convert_to_numpy(look_up(id_)).item())
        print("NaN" if np.isnan(value) else f"row {value / 10:g}")
    except Exception as error:
        print(type(error).__name__)
"""

CASES = [
    ("TensorFlow, eager", "tensorflow", "eager"),
    ("TensorFlow, XLA (jit_compile=True)", "tensorflow", "xla"),
    ("JAX", "jax", "eager"),
    ("NumPy", "numpy", "eager"),
]

running = {}
for label, backend, mode in CASES:  # all four at once
    env = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3", JAX_PLATFORMS="cpu")
    command = [sys.executable, "-c", PROBE, mode]
    running[label] = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
results = {}
for label, process in running.items():
    out, err = process.communicate()
    assert process.returncode == 0, f"the {label} probe failed:\n{err}"
    results[label] = out.split("\n")[:3]

print(f"{'backend':36}{'id 4 (= input_dim)':22}{'id -1':8}id 1.7")
for label, (too_big, negative, fractional) in results.items():
    print(f"{label:36}{too_big:22}{negative:8}{fractional}")

# What the pitfalls page says, checked on every build:
assert results["TensorFlow, eager"][0] == "InvalidArgumentError"
assert results["TensorFlow, XLA (jit_compile=True)"][0] == "row 3"  # clamped to the last row
assert results["JAX"][0] == "NaN"
assert results["NumPy"][0] == "IndexError"
assert all(r[1:] == ["row 3", "row 1"] for r in results.values())  # -1 wraps, 1.7 truncates
