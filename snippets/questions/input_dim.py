import re

import numpy as np
import keras

corpus = ["the cat sat on the mat", "the dog sat on the log", "a cat ran"]
vectorizer = keras.layers.TextVectorization(output_sequence_length=6)
vectorizer.adapt(corpus)
vocab = vectorizer.get_vocabulary()
print("first entries:", [str(token) for token in vocab[:4]])
print("distinct words:", len(set(" ".join(corpus).split())), "| vocabulary_size():", vectorizer.vocabulary_size())

ids = keras.ops.convert_to_numpy(vectorizer(["the cat sat on a mat", "a zebra ran"]))
print("ids:", ids.tolist())

lookup = keras.layers.StringLookup()  # no mask token unless you ask for one
lookup.adapt(np.array(["red", "blue", "blue"]))
print("StringLookup():", [str(token) for token in lookup.get_vocabulary()], "size", lookup.vocabulary_size())
lookup_masked = keras.layers.StringLookup(mask_token="")
lookup_masked.adapt(np.array(["red", "blue", "blue"]))
print('StringLookup(mask_token=""):', [str(t) for t in lookup_masked.get_vocabulary()], "size", lookup_masked.vocabulary_size())

capped = keras.layers.TextVectorization(max_tokens=5)
capped.adapt(corpus)
print("max_tokens=5:", [str(token) for token in capped.get_vocabulary()], "size", capped.vocabulary_size())

size = vectorizer.vocabulary_size()
last_word = keras.ops.convert_to_numpy(vectorizer([vocab[-1]]))  # the largest id there is
vectors = keras.layers.Embedding(input_dim=size, output_dim=3)(last_word)
print(f"Embedding(input_dim={size}) looks up id {last_word.max()}: output shape {tuple(vectors.shape)}")
try:
    keras.layers.Embedding(input_dim=size - 1, output_dim=3)(last_word)
except Exception as error:  # eager TensorFlow on a CPU checks every id
    # TensorFlow's words, then NumPy's
    found = re.search(r"indices\S* = \d+ is not in \[0, \d+\)|index \d+ is out of bounds for axis \d+ with size \d+", str(error))
    message = found.group() if found else str(error).splitlines()[0]
    print(f"Embedding(input_dim={size - 1}):", type(error).__name__ + ":", message)
else:  # another backend may not check the ids at all
    print(f"Embedding(input_dim={size - 1}): no error raised")

assert vocab[:2] == ["", "[UNK]"]  # id 0 is padding, id 1 the out-of-vocabulary token
assert ids[1].tolist()[1] == 1 and ids[1].tolist()[-2:] == [0, 0]  # "zebra" -> 1, padding -> 0
assert vectorizer.vocabulary_size() == len(set(" ".join(corpus).split())) + 2  # words + padding + [UNK]
assert lookup.get_vocabulary()[0] == "[UNK]" and lookup.vocabulary_size() == 2 + 1  # StringLookup: + 1
assert lookup_masked.get_vocabulary()[:2] == ["", "[UNK]"] and lookup_masked.vocabulary_size() == 2 + 2
assert capped.vocabulary_size() == 5  # max_tokens counts padding and [UNK] too
assert last_word.max() == size - 1  # so input_dim = vocabulary_size() is exactly enough
