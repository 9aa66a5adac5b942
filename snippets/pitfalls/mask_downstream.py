import warnings

import numpy as np
import keras

# Row 0 is the padding row; give it numbers that stand out.
table = keras.initializers.Constant([[9.0, 9.0], [1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
ids = np.array([[1, 2, 0, 0]])  # two real tokens, then two padding positions

inputs = keras.Input(shape=(4,), dtype="int32")
vectors = keras.layers.Embedding(4, 2, embeddings_initializer=table, mask_zero=True)(inputs)
masked_mean = keras.layers.GlobalAveragePooling1D()(vectors)  # a layer that reads the mask
model = keras.Model(inputs, [vectors, masked_mean])
rows, mean = model.predict(ids, verbose=0)

print("embedding output:", rows.tolist())
print("average with the mask:   ", mean.tolist())
plain_mean = keras.ops.convert_to_numpy(keras.layers.GlobalAveragePooling1D()(rows))
print("average without the mask:", plain_mean.tolist())

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    keras.layers.Flatten()(vectors)  # a layer that does not support masking
print("Flatten:", str(caught[0].message).split(". ")[1] + ".")

assert rows[0, 2:].tolist() == [[9.0, 9.0]] * 2  # padding positions still output row 0
assert mean.tolist() == [[2.0, 3.0]]  # the mean of the two real tokens only
assert plain_mean.tolist() == [[5.5, 6.0]]  # padding rows counted in
