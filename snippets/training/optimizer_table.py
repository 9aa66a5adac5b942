import json
import re

import numpy as np
import tensorflow as tf
import keras

STEPS = ([0], [1], [1])  # the ids each training step looks up, one step after another
snapshots = []  # per call of rows_moved: the table before training and after each step


def rows_moved(optimizer, regularizer=None):
    """Train a 4-row table for three steps; say which rows changed at each step."""
    layer = keras.layers.Embedding(4, 2, embeddings_initializer="ones", embeddings_regularizer=regularizer)
    layer.build()
    moved, gradients = [], set()
    snapshots.append([keras.ops.convert_to_numpy(layer.embeddings).tolist()])
    for ids in STEPS:
        before = keras.ops.convert_to_numpy(layer.embeddings)
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(layer(np.array([ids]))) + sum(layer.losses)
        gradient = tape.gradient(loss, layer.embeddings.value)
        gradients.add("IndexedSlices" if isinstance(gradient, tf.IndexedSlices) else "dense")
        optimizer.apply_gradients([(gradient, layer.embeddings)])
        # A row moved if a number in it changed by more than a millionth of its value: not a rounding step.
        changed = np.any(~np.isclose(keras.ops.convert_to_numpy(layer.embeddings), before, rtol=1e-6, atol=0), axis=1)
        moved.append(np.flatnonzero(changed).tolist())
        snapshots[-1].append(keras.ops.convert_to_numpy(layer.embeddings).tolist())
    return moved, "/".join(sorted(gradients))


CASES = {
    "SGD": lambda: rows_moved(keras.optimizers.SGD()),
    "SGD(momentum=0.9)": lambda: rows_moved(keras.optimizers.SGD(momentum=0.9)),
    "SGD(weight_decay=0.01)": lambda: rows_moved(keras.optimizers.SGD(weight_decay=0.01)),
    "SGD, embeddings_regularizer='l2'": lambda: rows_moved(keras.optimizers.SGD(), regularizer="l2"),
    "RMSprop": lambda: rows_moved(keras.optimizers.RMSprop()),
    "Adagrad": lambda: rows_moved(keras.optimizers.Adagrad()),
    "Adadelta": lambda: rows_moved(keras.optimizers.Adadelta()),
    "Adam": lambda: rows_moved(keras.optimizers.Adam()),
    "AdamW (weight_decay=0.004)": lambda: rows_moved(keras.optimizers.AdamW()),
    "Adamax": lambda: rows_moved(keras.optimizers.Adamax()),
    "Nadam": lambda: rows_moved(keras.optimizers.Nadam()),
    "Adafactor": lambda: rows_moved(keras.optimizers.Adafactor()),
    "Ftrl": lambda: rows_moved(keras.optimizers.Ftrl()),
    "Lion": lambda: rows_moved(keras.optimizers.Lion()),
    "Lamb": lambda: rows_moved(keras.optimizers.Lamb()),
    "Muon (weight_decay=0.004)": lambda: rows_moved(keras.optimizers.Muon()),
    "ScheduleFreeAdamW": lambda: rows_moved(keras.optimizers.ScheduleFreeAdamW()),
}
# Every optimizer keras.optimizers exports has a row, except the base class and the two wrappers
# that hand the variables to other optimizers.
exported = {
    name for name, cls in vars(keras.optimizers).items() if isinstance(cls, type) and issubclass(cls, keras.optimizers.Optimizer)
}
assert exported - {"Optimizer", "LossScaleOptimizer", "MultiOptimizer"} == {re.match(r"\w+", case)[0] for case in CASES}

table = {name: run() for name, run in CASES.items()}
print(f"{'optimizer':34}{'step 1: id 0':14}{'step 2: id 1':14}{'step 3: id 1':14}gradient")
for name, (moved, gradient) in table.items():
    print(f"{name:34}" + "".join(f"{rows!s:14}" for rows in moved) + gradient)

# The sentences of the training page, checked on every build:
for name in ("SGD", "RMSprop", "Adagrad", "Adadelta", "Adafactor", "ScheduleFreeAdamW"):
    assert table[name][0] == [[0], [1], [1]], name  # only the rows looked up
for name in ("SGD(momentum=0.9)", "Adam", "Adamax", "Nadam", "Lion", "Lamb"):
    assert table[name][0] == [[0], [0, 1], [0, 1]], name  # row 0 keeps moving
for name in ("SGD(weight_decay=0.01)", "AdamW (weight_decay=0.004)", "Muon (weight_decay=0.004)"):
    assert table[name][0] == [[0, 1, 2, 3]] * 3, name  # weight decay shrinks every row
assert keras.optimizers.AdamW().weight_decay == keras.optimizers.Muon().weight_decay == 0.004  # their defaults
assert table["SGD, embeddings_regularizer='l2'"] == ([[0, 1, 2, 3]] * 3, "dense")  # the penalty covers every row
assert table["Ftrl"][0] == [[0, 1, 2, 3], [1], [1]]  # its first step rewrites the whole table
assert {gradient for name, (_, gradient) in table.items() if "regularizer" not in name} == {"IndexedSlices"}  # sparse on TF

# The same results as JSON, for the page's interactive figure (written next to this script).
results = [
    {"optimizer": name, "moved": moved, "gradient": gradient, "tables": tables}
    for (name, (moved, gradient)), tables in zip(table.items(), snapshots, strict=True)
]
with open("optimizer_table.json", "w") as f:
    json.dump({"steps": STEPS, "optimizers": results}, f)
