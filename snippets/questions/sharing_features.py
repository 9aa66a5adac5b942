import numpy as np
import keras

keras.utils.set_random_seed(0)
# Two categorical features, each already turned into integer ids by its own lookup:
# a city id among 1,000 cities and a device id among 4 device types.
city_ids = keras.Input(shape=(1,), dtype="int32", name="city")
device_ids = keras.Input(shape=(1,), dtype="int32", name="device")

city_vectors = keras.layers.Embedding(input_dim=1000, output_dim=16, name="city_embedding")(city_ids)
device_vectors = keras.layers.Embedding(input_dim=4, output_dim=2, name="device_embedding")(device_ids)
features = keras.layers.Concatenate(name="concat")([city_vectors, device_vectors])  # (None, 1, 16 + 2)
features = keras.layers.Flatten(name="flatten")(features)
output = keras.layers.Dense(1, activation="sigmoid", name="click")(features)
model = keras.Model([city_ids, device_ids], output)

for layer in model.layers:
    print(f"{layer.name:18}{layer.output.shape!s:15}{layer.count_params():6} parameters")
print(f"{'total':33}{model.count_params():6} parameters")

batch = {"city": np.array([[17], [998], [17]]), "device": np.array([[0], [3], [2]])}
print("prediction for 3 rows:", model.predict(batch, verbose=0).shape)

assert model.get_layer("city_embedding").embeddings.shape == (1000, 16)  # one table per feature,
assert model.get_layer("device_embedding").embeddings.shape == (4, 2)  # each sized by its own vocabulary
assert model.count_params() == 1000 * 16 + 4 * 2 + (16 + 2) + 1
