# docs: fails-on-numpy=that backend does not implement `train_on_batch`
import gc

import numpy as np
import keras

keras.utils.set_random_seed(0)
input_dim, output_dim = 100_000, 128


def model_with_table():
    """ids -> a 100,000 x 128 Embedding -> average -> Dense(1)."""
    return keras.Sequential([
        keras.Input(shape=(10,), dtype="int32"),
        keras.layers.Embedding(input_dim, output_dim, name="embedding"),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(1),
    ], name="model")


table = model_with_table().get_layer("embedding").get_weights()[0]  # a NumPy copy of the weights
print(f"table: {table.shape}, {table.dtype}, {table.nbytes:,} bytes = {table.nbytes / 2**20:.1f} MiB")
table_bytes = table.nbytes
del table

ids = np.random.default_rng(0).integers(0, input_dim, size=(32, 10))
targets = np.zeros((32, 1))
print(f"\n{'optimizer':16}{'variables':>10}{'table-sized':>12}{'bytes':>14}{'x table':>9}")
sized = {}
for name, make_optimizer in [
    ("SGD", lambda: keras.optimizers.SGD()),
    ("SGD momentum", lambda: keras.optimizers.SGD(momentum=0.9)),
    ("Adam", lambda: keras.optimizers.Adam()),
]:
    model, optimizer = model_with_table(), make_optimizer()
    model.compile(optimizer=optimizer, loss="mse")
    model.train_on_batch(ids, targets)  # builds the optimizer's variables and applies one step
    nbytes = sum(int(np.prod(v.shape)) * np.dtype(v.dtype).itemsize for v in optimizer.variables)
    sized[name] = [v.name for v in optimizer.variables if tuple(v.shape) == (input_dim, output_dim)]
    print(f"{name:16}{len(optimizer.variables):>10}{len(sized[name]):>12}{nbytes:>14,}{nbytes / table_bytes:>9.2f}")
    del model, optimizer  # free this model's tables before the next one
    gc.collect()
print("\ntable-sized optimizer variables:", sized)

assert table_bytes == input_dim * output_dim * 4  # float32: 4 bytes a number
assert [len(names) for names in sized.values()] == [0, 1, 2]  # Adam keeps two more tables, momentum one
