# docs: fails-on-numpy=a layer's output there is a plain `np.ndarray`, which cannot carry a mask (`_keras_mask`), so the mask column reads none
import warnings

import numpy as np
import keras

keras.utils.set_random_seed(0)
# Sequence 0 padded in front (pad_sequences' default), sequence 1 at the end (TextVectorization's way).
ids = np.array([[0, 0, 3, 1], [2, 1, 0, 0]])
real = ids != 0
table = np.random.default_rng(0).uniform(-1, 1, (5, 4)).astype("float32")
masked, plain = keras.layers.Embedding(5, 4, mask_zero=True), keras.layers.Embedding(5, 4)
masked.build(), plain.build()

mha, attention = keras.layers.MultiHeadAttention(num_heads=1, key_dim=2), keras.layers.Attention()
cases = {  # each layer is built once, so all its runs share its weights
    "Dense(3)": keras.layers.Dense(3),
    "Conv1D(3, 2, padding='same')": keras.layers.Conv1D(3, 2, padding="same"),
    "LSTM(3, return_sequences=True)": keras.layers.LSTM(3, return_sequences=True),
    "LSTM(3)": keras.layers.LSTM(3),
    "GRU(3, return_sequences=True)": keras.layers.GRU(3, return_sequences=True),
    "GRU(3)": keras.layers.GRU(3),
    "MultiHeadAttention, self": lambda x: mha(x, x),
    "Attention, self": lambda x: attention([x, x]),
    "GlobalAveragePooling1D": keras.layers.GlobalAveragePooling1D(),
    "GlobalMaxPooling1D": keras.layers.GlobalMaxPooling1D(),
    "Flatten": keras.layers.Flatten(name="flatten"),  # its name appears in the warning
    "Masking(mask_value=0.0)": keras.layers.Masking(mask_value=0.0),
}


def run(layer, embedding, row0):
    """The layer's output (at the real positions if it keeps them), its mask and its warnings, row 0 set to row0."""
    embedding.set_weights([np.vstack([row0, table[1:]])])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        output = layer(embedding(ids))
    values = keras.ops.convert_to_numpy(output)
    return (values[real] if values.shape[:2] == ids.shape else values), getattr(output, "_keras_mask", None), caught


rows, messages = {}, {}
print(f"{'layer after Embedding':32}{'warns':7}{'output mask':13}padding row changes the result")
print(f"{'':52}{'mask_zero=True':>16}{'False':>7}")
for name, layer in cases.items():
    before, mask, caught = run(layer, masked, table[0])
    after = run(layer, masked, table[0] + 10.0)[0]  # only row 0, the padding row, differs
    unmasked = [run(layer, plain, row0)[0] for row0 in (table[0], table[0] + 10.0)]
    mask = None if mask is None else keras.ops.convert_to_numpy(mask)
    mask_out = "none" if mask is None else "ids != 0" if (mask == real).all() else "all True" if mask.all() else "other"
    rows[name] = ("yes" if caught else "no", mask_out, not np.allclose(before, after), not np.allclose(*unmasked))
    if caught:
        messages[name] = f"{caught[0].category.__name__}: {caught[0].message}"
    print(f"{name:32}{rows[name][0]:7}{mask_out:13}{'yes' if rows[name][2] else 'no':>16}{'yes' if rows[name][3] else 'no':>7}")

print("\nFlatten's warning:", messages["Flatten"])

warned = {name for name, row in rows.items() if row[0] == "yes"}
assert warned == {"Conv1D(3, 2, padding='same')", "GlobalMaxPooling1D", "Flatten"}
assert {name for name, row in rows.items() if row[2]} == warned  # padding leaks through exactly the layers that warn
assert {name for name, row in rows.items() if row[1] == "ids != 0"} == {
    "Dense(3)", "LSTM(3, return_sequences=True)", "GRU(3, return_sequences=True)", "MultiHeadAttention, self", "Attention, self"
}  # these pass the mask on; the others end it
assert rows["Masking(mask_value=0.0)"][1] == "all True"  # it masks vectors of zeros, and row 0 is not zeros
