import re

import numpy as np
import keras

vocabulary = ["the", "cat", "sat"]  # real tokens get ids 1..3; id 0 means padding
layer = keras.layers.Embedding(input_dim=len(vocabulary) + 1, output_dim=2, mask_zero=True)

padded = np.array([[1, 2, 3, 0, 0]])
mask = keras.ops.convert_to_numpy(layer.compute_mask(padded))
print("mask:", mask.tolist())
assert mask.tolist() == [[True, True, True, False, False]]  # False where the id is 0
print("weight rows:", layer.input_dim, "= vocabulary", len(vocabulary), "+ 1 for padding")

try:
    keras.layers.Embedding(input_dim=len(vocabulary), output_dim=2, mask_zero=True)(np.array([[3]]))
except Exception as error:  # a table with one row too few cannot look up the last token
    # TensorFlow's words, then NumPy's
    found = re.search(r"indices\S* = \d+ is not in \[0, \d+\)|index \d+ is out of bounds for axis \d+ with size \d+", str(error))
    print(type(error).__name__ + ":", found.group() if found else str(error).splitlines()[0])
else:
    print("no error raised")
