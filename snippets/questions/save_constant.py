import json
import os
import tempfile
import zipfile

import numpy as np
import keras

keras.utils.set_random_seed(0)
matrix = np.arange(12, dtype="float32").reshape(4, 3) / 4  # stands for pretrained vectors: 4 ids, 3 numbers each


def model_with(name, **embedding_args):
    inputs = keras.Input((2,), dtype="int32", name="ids")
    outputs = keras.layers.Embedding(4, 3, name="embedding", **embedding_args)(inputs)
    return keras.Model(inputs, outputs, name=name)


models = [
    model_with("constant", embeddings_initializer=keras.initializers.Constant(matrix)),
    model_with("weights", weights=[matrix]),
    model_with("set_weights"),
]
models[2].get_layer("embedding").set_weights([matrix])


def table(model):
    return model.get_layer("embedding").get_weights()[0]


def round_trip(model, folder):
    """Save to .keras and load it back; also clone the model, which rebuilds it from its config alone."""
    path = os.path.join(folder, f"{model.name}.keras")
    model.save(path)
    with zipfile.ZipFile(path) as archive:  # read what the file's config.json says about the embedding
        layers = json.loads(archive.read("config.json"))["config"]["layers"]
    saved = next(layer for layer in layers if layer["name"] == "embedding")["config"]["embeddings_initializer"]
    return keras.models.load_model(path), keras.models.clone_model(model), saved


with tempfile.TemporaryDirectory() as folder:
    for model in models:
        reloaded, cloned, saved = round_trip(model, folder)
        print(f"{model.name}: config.json records", json.dumps({saved["class_name"]: saved["config"]}))
        print(f"  load_model: table == matrix {np.array_equal(table(reloaded), matrix)}")
        print(f"  clone_model (config only): table == matrix {np.array_equal(table(cloned), matrix)}")
        assert np.array_equal(table(reloaded), matrix)  # the weights file brings the table back, every way
        assert np.array_equal(table(cloned), matrix) == (model.name == "constant")  # the config alone: only Constant

    # The Constant model after training: its table moves, the copy in its config does not.
    constant = models[0]
    constant.get_layer("embedding").set_weights([matrix + 1])  # stands for the table after fit()
    reloaded, cloned, _ = round_trip(constant, folder)
    clone_start = table(cloned)
    cloned.set_weights(constant.get_weights())  # copy the current table into the clone
    print("constant, after its table changed:")
    print(f"  load_model: table == changed table {np.array_equal(table(reloaded), matrix + 1)}")
    print(f"  clone_model: table == the original matrix {np.array_equal(clone_start, matrix)}")
    print(f"  clone_model, then set_weights: table == changed table {np.array_equal(table(cloned), matrix + 1)}")

assert np.array_equal(table(reloaded), matrix + 1)  # load_model: the weights file wins over the config
assert np.array_equal(clone_start, matrix)  # a clone starts from the matrix given to Constant, not the trained table
assert np.array_equal(table(cloned), matrix + 1)  # set_weights copies the current table
