import warnings

import keras

print("Keras", keras.version())
for argument in ({"sparse": True}, {"input_length": 5}):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            keras.layers.Embedding(4, 3, **argument)
        except ValueError as error:
            print(f"{argument}: ValueError: {error}")
        else:
            print(f"{argument}: accepted")
    for warning in caught:
        print(f"    {warning.category.__name__}: {warning.message}")
