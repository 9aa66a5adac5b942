# docs: fails-on-numpy=that backend does not implement `fit`
# docs: fails-on-jax=`fit` after `trainable = True` without `compile()` stops: the optimizer was built for fewer variables
import warnings

import numpy as np
import keras

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
pretrained = rng.standard_normal((20, 8)).astype("float32")  # stand-in for vectors trained elsewhere
ids, targets = rng.integers(1, 20, (64, 5)), rng.standard_normal((64, 1))  # 64 examples: 4 batches of 16

embedding = keras.layers.Embedding(20, 8, weights=[pretrained], trainable=False, name="embedding")
dense = keras.layers.Dense(1, name="dense")
model = keras.Sequential([keras.Input((5,), dtype="int32"), embedding, keras.layers.GlobalAveragePooling1D(), dense])


def train(label):
    """Three epochs (12 steps); print how far the embedding table and the dense kernel moved."""
    weights = {"embedding": embedding.embeddings, "dense": dense.kernel}
    before = {name: keras.ops.convert_to_numpy(w) for name, w in weights.items()}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(ids, targets, epochs=3, batch_size=16, verbose=0)
    moved = [float(np.abs(keras.ops.convert_to_numpy(w) - before[name]).max()) for name, w in weights.items()]
    print(f"{label:44}{len(model.trainable_weights):^11}{len(caught):^10}{moved[0]:>11.6f}{moved[1]:>11.6f}")
    return moved, len(caught)


print(f"{'':44}{'trainable':^11}{'':10}{'max |change|':^22}")
print(f"{'':44}{'weights':^11}{'warnings':^10}{'embedding':>11}{'dense':>11}")
model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
frozen, _ = train("1. trainable=False, Adam(1e-2)")

embedding.trainable = True
no_compile, no_compile_warnings = train("2. trainable=True, no compile()")
state = model.get_weights()

same_optimizer_error = None
try:
    model.compile(optimizer=model.optimizer, loss="mse")  # compile() again, but with the same optimizer object
    train("3. compile(), the same optimizer")
except ValueError as error:
    same_optimizer_error = str(error).split(">. ")[1]
    print("3. compile(), the same optimizer: ValueError:", same_optimizer_error)

model.set_weights(state)
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="mse")  # a new optimizer, a lower rate
low, _ = train("4. compile(), new Adam(1e-4)")

model.set_weights(state)  # the same start as 4, to compare the two rates
model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="mse")
high, _ = train("5. compile(), new Adam(1e-2), start of 4")

assert frozen[0] == 0 and frozen[1] > 0  # frozen: only the dense layer learns
assert no_compile[0] == 0 and no_compile_warnings == 0  # trainable=True alone: the table stays, silently
assert same_optimizer_error is not None  # the optimizer was built for the two dense weights only
assert low[0] > 0 and high[0] > 50 * low[0]  # after compile() the table moves, much less with the lower rate
