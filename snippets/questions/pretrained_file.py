# docs: reads=sample_vectors.txt
import numpy as np
import keras

keras.utils.set_random_seed(0)

texts = [
    "The cat sleeps in the garden",
    "my sister bakes bread in the kitchen",
    "a zebra swims in the river",
    "the old bus leaves the station on Sunday",
    "grandma cooks soup and the cat purrs",
]
vectorizer = keras.layers.TextVectorization(output_sequence_length=6)
vectorizer.adapt(texts)
vocab = [str(word) for word in vectorizer.get_vocabulary()]  # "" (padding), "[UNK]", then the words
row_of = {word: row for row, word in enumerate(vocab)}

# Read the file line by line and keep only the vocabulary's words (a real file is large).
found, lines = {}, 0
with open("sample_vectors.txt", encoding="utf-8") as file:
    for line in file:
        word, *numbers = line.rstrip("\n").split(" ")
        if len(numbers) == 1:  # word2vec's text format starts with a "<count> <dim>" line
            continue
        if lines == 0:
            print("first line:", *line.split(" ")[:4], "...")
        lines += 1
        if word in row_of:
            found[word] = np.array(numbers, dtype="float32")
dim = len(next(iter(found.values())))
words = vocab[2:]  # the real words: not the padding entry, not [UNK]
missing = [word for word in words if word not in found]
print(f"file: {lines} vectors of {dim} numbers | vocabulary: {len(vocab)} entries, {len(words)} of them words")
print(f"coverage: {len(found)} of {len(words)} words have a vector ({len(found) / len(words):.0%})")
print("no vector:", missing)

# Padding row: zeros. [UNK] and the words without a vector: random, with the spread of the loaded vectors.
spread = np.stack(list(found.values())).std()
matrix = np.random.default_rng(0).normal(0.0, spread, (len(vocab), dim)).astype("float32")
matrix[0] = 0.0
for word, vector in found.items():
    matrix[row_of[word]] = vector
print(f"matrix: {matrix.shape}, random rows drawn with standard deviation {spread:.3f}")

embedding = keras.layers.Embedding(len(vocab), dim, weights=[matrix], name="pretrained")
ids = keras.ops.convert_to_numpy(vectorizer(["the cat hums", "a zebra sleeps"]))
out = keras.ops.convert_to_numpy(embedding(ids))
print("ids:", ids.tolist(), "(hums is not in the vocabulary)")
for text, i, j in [("cat", 0, 1), ("hums", 0, 2), ("zebra", 1, 1), ("padding", 0, 5)]:
    print(f"  {text:8} id {ids[i, j]:2}: {np.round(out[i, j, :4], 3)} ...")
print("  cat in the file:", np.round(found["cat"][:4], 3), "...")

assert vocab[:2] == ["", "[UNK]"]  # row 0 padding, row 1 the OOV token
assert "sunday" in found  # TextVectorization lowercased "Sunday", as the file's words are
assert np.array_equal(embedding.get_weights()[0], matrix)  # weights=[matrix] loaded the whole table
assert np.array_equal(out[0, 1], found["cat"])  # the id of "cat" reads the file's vector for cat
assert ids[0, 2] == 1 and np.array_equal(out[0, 2], matrix[1])  # an unseen word reads [UNK]'s row
assert not out[0, 5].any()  # padding reads row 0: zeros
assert len({matrix[row_of[w]].tobytes() for w in missing}) == len(missing)  # missing words stay distinct
