import numpy as np
import keras

keras.utils.set_random_seed(0)
ids = np.array([[4, 2, 7, 0, 0, 0], [1, 5, 3, 8, 9, 6]])  # (batch=2, seq=6) integer ids
embedding = keras.layers.Embedding(input_dim=10, output_dim=4)
print("ids", ids.shape, "-> embedding output", tuple(embedding(ids).shape))


def classifier(reduce, length):
    """ids -> Embedding -> `reduce` -> Dense(1), for sequences of `length` ids (None: any length)."""
    inputs = keras.Input(shape=(length,), dtype="int32", name="ids")
    vectors = keras.layers.Embedding(input_dim=10, output_dim=4, name="embedding")(inputs)
    outputs = keras.layers.Dense(1, name="dense")(reduce(vectors))
    return keras.Model(inputs, outputs, name=reduce.name + "_model")


models = {
    "Flatten": classifier(keras.layers.Flatten(name="flatten"), 6),
    "GlobalAveragePooling1D": classifier(keras.layers.GlobalAveragePooling1D(name="average"), 6),
}
for title, model in models.items():
    print(f"\n{title}, input shape (None, 6):")
    for layer in model.layers:
        print(f"  {layer.name:10}{layer.output.shape!s:16}{layer.count_params():3} parameters")
    print(f"  {'total':26}{model.count_params():3} parameters")

print("\nThe same two models for sequences of any length, input shape (None, None):")
averaged = classifier(keras.layers.GlobalAveragePooling1D(name="average"), None)
for length in (3, 8):
    print(f"  GlobalAveragePooling1D, {length} ids:", averaged.predict(np.ones((1, length)), verbose=0).shape)
try:
    classifier(keras.layers.Flatten(name="flatten"), None)
except ValueError as error:
    print("  Flatten: ValueError:", str(error).splitlines()[0])
try:
    models["Flatten"].predict(np.ones((1, 8)), verbose=0)
except ValueError as error:
    print("  Flatten built for 6 ids, given 8: ValueError:", str(error).splitlines()[0])

one_hot = keras.ops.one_hot(ids, 10)  # a 3-D input where ids were expected
print("\none-hot", tuple(one_hot.shape), "-> embedding output", tuple(embedding(one_hot).shape))

assert tuple(embedding(ids).shape) == (*ids.shape, 4)  # (batch, seq) -> (batch, seq, dim)
assert models["Flatten"].get_layer("dense").count_params() == 6 * 4 + 1  # the Dense weights depend on the length
assert models["GlobalAveragePooling1D"].get_layer("dense").count_params() == 4 + 1  # they do not
looked_up = keras.ops.convert_to_numpy(embedding(one_hot))
table = keras.ops.convert_to_numpy(embedding.embeddings)
assert looked_up.shape == (2, 6, 10, 4)  # no error: one more axis
assert (looked_up[0, 0, 4] == table[1]).all() and (looked_up[0, 0, 3] == table[0]).all()  # each 1.0 read as id 1, each 0.0 as id 0
