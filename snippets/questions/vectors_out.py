# docs: fails-on-numpy=that backend does not implement `fit`
import itertools

import numpy as np
import keras

keras.utils.set_random_seed(0)

# A tiny labelled corpus: "<subject> was <word>", 1 for a good word, 0 for a bad one; every third pair is left out.
good, bad = ["great", "wonderful", "fine", "lovely"], ["awful", "boring", "dull", "terrible"]
subjects = ["the film", "the plot", "this movie", "the cast", "the music"]
texts, labels = [], []
for number, (subject, word) in enumerate(itertools.product(subjects, good + bad)):
    if number % 3:
        texts.append(f"{subject} was {word}")
        labels.append(1.0 if word in good else 0.0)

vectorizer = keras.layers.TextVectorization(output_sequence_length=4)
vectorizer.adapt(texts)
ids = keras.ops.convert_to_numpy(vectorizer(texts))

model = keras.Sequential([
    keras.Input(shape=(4,), dtype="int64"),
    keras.layers.Embedding(vectorizer.vocabulary_size(), 8, name="embedding"),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(8, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
model.fit(ids, np.array(labels), epochs=20, batch_size=8, verbose=0)

layer = model.get_layer("embedding")
weights = keras.ops.convert_to_numpy(layer.embeddings)  # the same array as layer.get_weights()[0]
vocab = vectorizer.get_vocabulary()
print("weights:", weights.shape, "| vocabulary:", len(vocab), "entries, row 0 is", repr(vocab[0]), "row 1 is", vocab[1])

unit = weights / np.linalg.norm(weights, axis=1, keepdims=True)
similarity = unit @ unit[vocab.index("great")]
order = np.argsort(-similarity)
print("cosine similarity to 'great', the 5 nearest and the 3 farthest rows:")
for row in [*order[:5], *order[-3:]]:
    print(f"  {vocab[row]:10}{similarity[row]:+.3f}")

# The Embedding Projector's two files: one line per vocabulary entry, in row order.
with open("vectors.tsv", "w", encoding="utf-8") as vectors_file:
    for vector in weights:
        vectors_file.write("\t".join(f"{x:.5f}" for x in vector) + "\n")
with open("metadata.tsv", "w", encoding="utf-8") as metadata_file:
    for word in vocab:
        metadata_file.write((word or "[PAD]") + "\n")  # the padding entry is an empty string
with open("vectors.tsv", encoding="utf-8") as f1, open("metadata.tsv", encoding="utf-8") as f2:
    vector_lines, metadata_lines = f1.read().splitlines(), f2.read().splitlines()
print("vectors.tsv:", len(vector_lines), "lines of", len(vector_lines[0].split("\t")), "numbers; metadata.tsv:", len(metadata_lines), "lines")
print("metadata.tsv starts:", metadata_lines[:4])

assert (weights == layer.get_weights()[0]).all()  # two ways to read the same table
assert weights.shape == (vectorizer.vocabulary_size(), 8)  # one row per vocabulary entry
assert vocab[0] == "" and vocab[1] == "[UNK]"  # row 0 is the padding row, row 1 the OOV token's
assert np.argmax(similarity) == vocab.index("great") and np.isclose(similarity.max(), 1.0)  # a word is nearest to itself
assert len(vector_lines) == len(metadata_lines) == len(vocab)  # the projector pairs lines by position
