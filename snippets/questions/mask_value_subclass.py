# docs: fails-on-numpy=a layer's output there is a plain `np.ndarray`, which cannot carry a mask (`_keras_mask`), so its output mask is None
import os
import tempfile

import numpy as np
import keras
from keras import ops

keras.utils.set_random_seed(0)
ids = np.array([[2, 0, 1, 4, 4], [3, 4, 4, 4, 4]])  # padded with id 4
real = ids != 4


class PadEmbeddingNoFlag(keras.layers.Embedding):
    """An Embedding whose mask is ids != pad_id; supports_masking is left as Embedding sets it."""

    def __init__(self, input_dim, output_dim, pad_id, **kwargs):
        super().__init__(input_dim, output_dim, **kwargs)
        self.pad_id = pad_id

    def compute_mask(self, inputs, mask=None):
        return ops.not_equal(inputs, self.pad_id)

    def get_config(self):
        return {**super().get_config(), "pad_id": self.pad_id}  # Embedding's get_config lists its own arguments only


class PadEmbedding(PadEmbeddingNoFlag):
    """The same, with supports_masking = True after Embedding.__init__ has run."""

    def __init__(self, input_dim, output_dim, pad_id, **kwargs):
        super().__init__(input_dim, output_dim, pad_id, **kwargs)
        self.supports_masking = True


for cls in (PadEmbeddingNoFlag, PadEmbedding):
    layer = cls(5, 2, pad_id=4)
    mask = getattr(layer(ids), "_keras_mask", None)
    print(f"{cls.__name__}: supports_masking {layer.supports_masking},", "output mask:",
          None if mask is None else ops.convert_to_numpy(mask).tolist())
assert mask is not None and (ops.convert_to_numpy(mask) == real).all()
assert not PadEmbeddingNoFlag(5, 2, pad_id=4).supports_masking  # Embedding.__init__ set it to mask_zero

# Save and load a model with the layer: pad_id and the mask come back.
inputs = keras.Input((5,), dtype="int32", name="ids")
model = keras.Model(inputs, PadEmbedding(5, 2, pad_id=4, name="pad_embedding")(inputs))
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "model.keras")
    model.save(path)
    loaded = keras.models.load_model(path, custom_objects={"PadEmbedding": PadEmbedding})
layer = loaded.get_layer("pad_embedding")
reloaded_mask = ops.convert_to_numpy(layer(ids)._keras_mask)
print("after load_model: pad_id", layer.pad_id, "| mask:", reloaded_mask.tolist())
assert layer.pad_id == 4 and (reloaded_mask == real).all()
