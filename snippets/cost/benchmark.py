# docs: unchecked=timings differ from run to run and machine to machine
# docs: alone=it measures time; anything running beside it would slow it down
import os
import platform
import timeit
import warnings

import numpy as np
import tensorflow as tf
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

tokens, dim = 512, 64
vocabularies = [1_000, 10_000, 100_000]
rng = np.random.default_rng(0)


def one_hot(ids, vocab):
    matrix = np.zeros((len(ids), vocab), dtype=np.float32)
    matrix[np.arange(len(ids)), ids] = 1
    return matrix


def best_ms(fn, repeat=5):
    fn()  # warm up
    return min(timeit.repeat(fn, number=1, repeat=repeat)) * 1000


def measure(vocab):
    table = rng.standard_normal((vocab, dim), dtype=np.float32)
    ids = rng.integers(0, vocab, size=tokens)
    table_tf, ids_tf = tf.constant(table), tf.constant(ids)
    assert np.array_equal(np.take(table, ids, axis=0), one_hot(ids, vocab) @ table)  # same numbers
    assert np.array_equal(tf.gather(table_tf, ids_tf), tf.matmul(tf.one_hot(ids_tf, vocab), table_tf))  # in TF too
    return (
        vocab,
        best_ms(lambda: np.take(table, ids, axis=0)),
        best_ms(lambda: one_hot(ids, vocab) @ table),
        best_ms(lambda: tf.gather(table_tf, ids_tf)),
        best_ms(lambda: tf.matmul(tf.one_hot(ids_tf, vocab), table_tf)),
    )


rows = [measure(vocab) for vocab in vocabularies]

print(f"{tokens} ids, vectors of {dim}; best of several runs, in milliseconds")
print(f"{'vocabulary':>10} {'np.take':>9} {'np one-hot':>11} {'tf.gather':>10} {'tf one-hot':>11}")
for vocab, *times in rows:
    print(f"{vocab:>10,} " + " ".join(f"{t:>{w}.3f}" for t, w in zip(times, (9, 11, 10, 11), strict=True)))
print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
      f"NumPy {np.__version__}, TensorFlow {tf.__version__}")

# The page's claims, on whatever machine runs this: from a vocabulary of 1,000 to 100,000 ids
# (100x) the products take more than 5x longer, the lookups less than 5x; and at 100,000 ids
# the measured product / lookup ratio stays below the counted one, 2 * vocabulary.
(_, take_small, np_small, gather_small, tf_small), *_, (_, take_big, np_big, gather_big, tf_big) = rows
assert np_big > 5 * np_small and tf_big > 5 * tf_small
assert take_big < 5 * take_small and gather_big < 5 * gather_small
assert np_big / take_big < 2 * vocabularies[-1] and tf_big / gather_big < 2 * vocabularies[-1]

# The plot in each language of the site, wide for screens and narrow for phones; text stays
# text in the SVG, drawn by the browser with the reader's fonts.
plt.rcParams.update({"svg.hashsalt": "embedding", "svg.fonttype": "none", "font.size": 11})
warnings.filterwarnings("ignore", "Glyph .* missing from font")  # matplotlib's own fonts have no Chinese
LABELS = {
    "en": ("vocabulary size", "milliseconds", ["np.take", "NumPy one-hot @ W", "tf.gather", "tf.matmul(one_hot, W)"]),
    "zh": ("词表大小", "毫秒", ["np.take", "NumPy：one-hot @ W", "tf.gather", "tf.matmul(one_hot, W)"]),
}
for lang, (xlabel, ylabel, names) in LABELS.items():
    for narrow in (False, True):
        fig, ax = plt.subplots(figsize=(3.6, 3.6) if narrow else (6.4, 3.6))
        for column, label in enumerate(names, start=1):
            ax.plot(vocabularies, [row[column] for row in rows], marker="o", label=label)
        ax.set(xscale="log", yscale="log", xlabel=xlabel, ylabel=ylabel)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=9, loc="upper left")  # above the flat lookups, clear of the rising lines
        fig.tight_layout()
        fig.savefig(f"lookup_vs_matmul.{lang}{'.narrow' if narrow else ''}.svg", metadata={"Date": None})
        plt.close(fig)
