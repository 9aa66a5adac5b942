import numpy as np
import keras
from keras import ops

keras.utils.set_random_seed(0)
PAD = 4  # this data pads with id 4; ids 0 to 3 are words, and 0 is one of them
ids = np.array([[2, 0, 1, 4, 4], [3, 4, 4, 4, 4]])
real = ids != PAD

inputs = keras.Input((5,), dtype="int32", name="ids")
mask = ops.not_equal(inputs, PAD)  # the mask, made by hand
vectors = keras.layers.Embedding(5, 2, name="embedding")(inputs)  # no mask_zero: no mask of its own
average = keras.layers.GlobalAveragePooling1D(name="average")(vectors, mask=mask)
lstm = keras.layers.LSTM(3, return_sequences=True, name="lstm")
states = lstm(vectors, mask=mask)
print("the embedding's output has a mask:", hasattr(vectors, "_keras_mask"))
print("the LSTM's output has a mask:     ", hasattr(states, "_keras_mask"))

model = keras.Model(inputs, [vectors, average, states._keras_mask, states])
looked_up, averaged, passed_on, sequence = model.predict(ids, verbose=0)
over_real = (looked_up * real[..., None]).sum(axis=1) / real.sum(axis=1, keepdims=True)
print("the average leaves the padding out:", np.allclose(averaged, over_real))
print("the mask the LSTM passes on:", passed_on.tolist())

# At the real positions, the LSTM gives what it gives on the real tokens alone, padding cut off.
alone = [ops.convert_to_numpy(lstm(looked_up[i : i + 1, : n]))[0] for i, n in enumerate(real.sum(axis=1))]
same = all(np.allclose(sequence[i, : len(a)], a, atol=1e-6) for i, a in enumerate(alone))
print("the LSTM at the real positions equals the LSTM on the real tokens alone:", same)

try:
    keras.layers.Dense(3, name="dense")(vectors, mask=mask)
except TypeError as error:
    print("Dense(3)(vectors, mask=mask): TypeError:", str(error).split("\n")[0])

assert not hasattr(vectors, "_keras_mask") and np.allclose(averaged, over_real)
assert (passed_on == real).all() and same  # the layer given mask= passes it on, like a mask from mask_zero
