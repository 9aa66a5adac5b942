import numpy as np

x = np.array([1, 1, 2, 0, 3])
one_hot = np.eye(4, dtype="float32")[x]  # each row holds a single 1
ones = np.ones((4, 3), dtype="float32")  # what embeddings_initializer="ones" creates

# Each output entry sums one row of one_hot (a single 1) times ones: always 1.
print(one_hot @ ones)
print("row sums of one_hot:", one_hot.sum(axis=1))
