import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

x = np.array([1, 1, 2, 0, 3])
one_hot = np.eye(4)[x]
weights = np.arange(12.0).reshape(4, 3)
output = one_hot @ weights

plt.rcParams["svg.hashsalt"] = "embedding"  # stable ids inside the SVG file
fig, axes = plt.subplots(1, 3, figsize=(8, 3.2), width_ratios=[4, 3, 3])
panels = [
    (one_hot, "one_hot(x, 4)  (5 × 4)", [f"id {i}" for i in x]),
    (weights, "W  (4 × 3)", [f"row {i}" for i in range(4)]),
    (output, "output  (5 × 3)", [f"id {i}" for i in x]),
]
for ax, (matrix, title, rows) in zip(axes, panels, strict=True):
    ax.imshow(matrix, cmap="Blues", vmin=0, vmax=matrix.max() * 1.2)  # own scale: the 1s stand out
    for (r, c), value in np.ndenumerate(matrix):
        ax.text(c, r, f"{value:g}", ha="center", va="center", color="white" if value > 0.6 * matrix.max() else "black")
    ax.set_title(title, fontsize=10)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xticks([])
fig.text(0.405, 0.5, "×", fontsize=18, ha="center", va="center")
fig.text(0.69, 0.5, "=", fontsize=18, ha="center", va="center")
fig.tight_layout(w_pad=3)
fig.savefig("onehot_matmul.svg", metadata={"Date": None})
print("saved onehot_matmul.svg")
print("output rows:", output.tolist())
