# docs: fails-on-numpy=that backend does not implement `fit`
import numpy as np
import keras
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

keras.utils.set_random_seed(0)

# 36 short sentences on three topics: each topic word goes into 3 of its topic's 4 templates.
TOPICS = [  # animals, food, weather: 4 topic words and 4 templates each
    ("cat dog horse rabbit", "the {} chased a ball|we fed the {} at noon|a {} sleeps in the barn|the farmer brushed the {}"),
    ("pizza pasta bread cheese", "we ate {} for dinner|the {} tastes salty|she cooked {} in the oven|fresh {} from the market"),
    ("rain snow wind fog",
     "the {} came this morning|heavy {} is expected tonight|we stayed in because of the {}|the forecast warns of {}"),
]
texts = [template.format(word) for words, templates in TOPICS
         for i, word in enumerate(words.split()) for j, template in enumerate(templates.split("|")) if (i + j) % 4 != 3]
vectorizer = keras.layers.TextVectorization()
vectorizer.adapt(texts)
vocab = vectorizer.get_vocabulary()
ids = keras.ops.convert_to_numpy(vectorizer(texts))  # padded with 0
# The task: from one word, predict each word up to two places away in the same sentence.
pairs = np.array([(s[i], s[j]) for s in ids for i in range(len(s)) for j in range(len(s))
                  if 0 < abs(i - j) <= 2 and s[i] and s[j]])
print(len(texts), "sentences such as", repr(texts[0]), "|", len(vocab), "vocabulary entries")
print(len(pairs), "(word, neighbour) pairs such as", ", ".join(f"{vocab[a]} → {vocab[b]}" for a, b in pairs[:3]))

embedding = keras.layers.Embedding(len(vocab), 8, name="embedding")
model = keras.Sequential([keras.Input(shape=(1,), dtype="int64"), embedding,
                          keras.layers.Flatten(), keras.layers.Dense(len(vocab))])
words = " ".join(topic_words for topic_words, _ in TOPICS).split()
rows, topic = [vocab.index(word) for word in words], np.repeat(np.arange(3), 4)


def similarity():
    """Cosine similarity of every two rows of the table, and its mean within a topic and across topics."""
    table = keras.ops.convert_to_numpy(embedding.embeddings)
    unit = table / np.linalg.norm(table, axis=1, keepdims=True)
    cosine = unit @ unit.T
    topic_words, same = cosine[np.ix_(rows, rows)], topic[:, None] == topic[None]
    return cosine, topic_words[same & ~np.eye(12, dtype=bool)].mean(), topic_words[~same].mean()


_, within, across = similarity()
print(f"before training:  mean similarity within a topic {within:+.2f}, across topics {across:+.2f}")
model.compile(optimizer=keras.optimizers.Adam(0.01), loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(pairs[:, :1], pairs[:, 1], epochs=20, batch_size=32, verbose=0)
cosine, within, across = similarity()
print(f"after 20 epochs:  mean similarity within a topic {within:+.2f}, across topics {across:+.2f}")
for word in ("cat", "pizza"):
    row = cosine[vocab.index(word)]
    nearest = [i for i in np.argsort(-row) if i >= 2 and vocab[i] != word][:4]  # rows 0 and 1 are padding and [UNK]
    print(f"nearest to {word!r}:", ", ".join(f"{vocab[i]} {row[i]:+.2f}" for i in nearest))

# The 12 topic words in two dimensions: principal component analysis with numpy's SVD.
centred = keras.ops.convert_to_numpy(embedding.embeddings)[rows]
centred = centred - centred.mean(axis=0)
_, spread, axes = np.linalg.svd(centred, full_matrices=False)
axes = axes[:2] * np.sign(axes[[0, 1], np.abs(axes[:2]).argmax(axis=1)])[:, None]  # a fixed sign for each axis
xy, span = centred @ axes.T, np.ptp(centred @ axes.T, axis=0)
xy, span = xy.round(2), span.round(2)  # the last digits differ from CPU to CPU; the picture must not
print(f"the two axes of the picture keep {(spread[:2] ** 2).sum() / (spread ** 2).sum():.0%} of the spread")

plt.rcParams.update({"svg.hashsalt": "embedding", "svg.fonttype": "none", "font.size": 12})  # text stays text
fig, ax = plt.subplots(figsize=(5.6, 4.4))
for number, marker in enumerate("os^"):  # animals, food, weather
    members = np.flatnonzero(topic == number)
    ax.scatter(*xy[members].T, marker=marker, s=60)
    side = 1 if xy[members, 0].mean() < xy[:, 0].mean() else -1  # labels on the side facing the middle
    for k, m in enumerate(members[np.argsort(-xy[members, 1])]):  # a column of labels, top to bottom
        ax.annotate(words[m], xy[m], xytext=xy[members].mean(axis=0) + (side * 0.22, (1.5 - k) * 0.08) * span,
                    va="center", ha="left" if side > 0 else "right", arrowprops={"arrowstyle": "-", "color": "0.6"})
ax.set(xticks=[], yticks=[])
ax.margins(0.12)
fig.tight_layout()
fig.savefig("related_words.svg", metadata={"Date": None})
print("saved related_words.svg")

assert within > across + 0.5  # words of one topic point in similar directions; words of different topics do not
nearest_topic_word = (cosine[np.ix_(rows, rows)] - 2 * np.eye(12)).argmax(axis=1)  # -2: not the word itself
assert (topic[nearest_topic_word] == topic).all()  # among the 12 topic words, each one's nearest shares its topic
