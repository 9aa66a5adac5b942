import numpy as np
import keras

keras.utils.set_random_seed(0)
print("keras", keras.__version__, "| keras.layers.ReversibleEmbedding exists:", hasattr(keras.layers, "ReversibleEmbedding"))

vocab, dim = 30, 8
tied = keras.layers.ReversibleEmbedding(input_dim=vocab, output_dim=dim, name="tied")
ids = np.array([[4, 9, 2, 2, 11], [0, 1, 29, 3, 5]])  # (batch=2, seq=5)
hidden = tied(ids)  # forward: a lookup, (2, 5, 8)
logits = tied(hidden, reverse=True)  # reverse: a product with the transposed table, (2, 5, 30)
print("ids", ids.shape, "-> vectors", tuple(hidden.shape), "-> logits", tuple(logits.shape))
print("weights:", [(w.name, tuple(w.shape)) for w in tied.weights])

table = keras.ops.convert_to_numpy(tied.embeddings)
hidden, logits = keras.ops.convert_to_numpy(hidden), keras.ops.convert_to_numpy(logits)
by_hand = hidden @ table.T  # numpy: (2, 5, 8) @ (8, 30)
# The exact difference depends on the CPU's math kernels; the check within 1e-6 does not.
print("logits == hidden @ table.T within 1e-6:", bool(np.allclose(logits, by_hand, atol=1e-6)))

untied = keras.layers.ReversibleEmbedding(input_dim=vocab, output_dim=dim, tie_weights=False)
untied.build()
print("tie_weights=False:", [(w.name, tuple(w.shape)) for w in untied.weights])

assert logits.shape == (*ids.shape, vocab)  # (batch, seq, input_dim): one logit per vocabulary entry
assert np.allclose(logits, by_hand, atol=1e-6)  # reverse=True is x @ table.T
assert tied.count_params() == vocab * dim and untied.count_params() == 2 * vocab * dim
