import warnings

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

x = np.array([1, 1, 2, 0, 3])
one_hot = np.eye(4)[x]
weights = np.arange(12.0).reshape(4, 3)
output = one_hot @ weights

# The same figure in each language of the site, wide for screens and stacked for phones.
# Text stays text in the SVG (svg.fonttype "none"): the browser draws it with the reader's fonts.
LABELS = {
    "en": {"id": "id {}", "row": "row {}", "titles": ["one_hot(x, 4)  (5 × 4)", "W  (4 × 3)", "output  (5 × 3)"]},
    "zh": {"id": "编号 {}", "row": "第 {} 行", "titles": ["one_hot(x, 4)（5 × 4）", "W（4 × 3）", "输出（5 × 3）"]},
}
plt.rcParams.update({"svg.hashsalt": "embedding", "svg.fonttype": "none", "font.size": 12})
warnings.filterwarnings("ignore", "Glyph .* missing from font")  # matplotlib's own fonts have no Chinese


def draw(lang, stacked):
    words = LABELS[lang]
    panels = [
        (one_hot, [words["id"].format(i) for i in x]),
        (weights, [words["row"].format(i) for i in range(4)]),
        (output, [words["id"].format(i) for i in x]),
    ]
    # Five cells: three matrices, and between them two narrow cells for the operators.
    shape = dict(nrows=5, height_ratios=[5, 0.8, 4, 0.8, 5]) if stacked else dict(ncols=5, width_ratios=[4, 0.7, 3, 0.7, 3])
    fig, cells = plt.subplots(figsize=(3.4, 8.4) if stacked else (8.4, 3.0), **shape)
    for cell, sign in ((cells[1], "×"), (cells[3], "=")):
        cell.axis("off")
        cell.text(0.5, 0.5, sign, fontsize=22, ha="center", va="center", transform=cell.transAxes)
    for ax, (matrix, rows), title in zip(cells[::2], panels, words["titles"], strict=True):
        ax.imshow(matrix, cmap="Blues", vmin=0, vmax=matrix.max() * 1.2)  # own scale: the 1s stand out
        for (r, c), value in np.ndenumerate(matrix):
            dark = value > 0.6 * matrix.max()
            ax.text(c, r, f"{value:g}", ha="center", va="center", color="white" if dark else "black")
        ax.set_title(title)
        ax.set_yticks(range(len(rows)), rows)
        ax.set_xticks([])
    fig.tight_layout(w_pad=0.5, h_pad=0.3)
    name = f"onehot_matmul.{lang}{'.narrow' if stacked else ''}.svg"
    fig.savefig(name, metadata={"Date": None})
    plt.close(fig)
    return name


for lang in LABELS:
    for stacked in (False, True):
        print("saved", draw(lang, stacked))
print("output rows:", output.tolist())
