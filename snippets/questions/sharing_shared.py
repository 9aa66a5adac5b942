import numpy as np
import keras

keras.utils.set_random_seed(0)
# One vocabulary for two inputs: the words of a question and the words of an answer.
question = keras.Input(shape=(5,), dtype="int32", name="question")
answer = keras.Input(shape=(5,), dtype="int32", name="answer")
shared = keras.layers.Embedding(input_dim=50, output_dim=8, name="shared_embedding")  # one layer object...
q_vectors = shared(question)  # ...called twice
a_vectors = shared(answer)
pool = keras.layers.GlobalAveragePooling1D(name="average")
score = keras.layers.Dot(axes=1, name="score")([pool(q_vectors), pool(a_vectors)])
model = keras.Model([question, answer], score)

print("weights of the model:", [(w.path, tuple(w.shape)) for w in model.weights])
print("model.count_params():", model.count_params())

# Two separate layers, for comparison: two tables.
separate = keras.Model(
    [question, answer],
    [keras.layers.Embedding(50, 8)(question), keras.layers.Embedding(50, 8)(answer)],
)
print("two separate Embedding layers:", separate.count_params(), "parameters")

ids = np.array([[3, 7, 7, 0, 1]])
reader = keras.Model([question, answer], [q_vectors, a_vectors])  # both lookups, before pooling
from_question, from_answer = reader.predict({"question": ids, "answer": ids[:, ::-1]}, verbose=0)
table = keras.ops.convert_to_numpy(shared.embeddings)
print("id 7 read through the question input:", from_question[0, 1].round(4))
print("id 7 read through the answer input:  ", from_answer[0, 3].round(4))
print("row 7 of the one table:              ", table[7].round(4))

assert len(model.weights) == 1  # one weight matrix for both inputs
assert model.count_params() == 50 * 8  # counted once
assert separate.count_params() == 2 * 50 * 8
assert (from_question[0] == table[ids[0]]).all() and (from_answer[0] == table[ids[0, ::-1]]).all()  # same rows
