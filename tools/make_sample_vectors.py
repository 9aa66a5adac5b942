"""Write snippets/questions/sample_vectors.txt: a small, made-up set of word vectors in GloVe's text format.

These are NOT GloVe vectors, nor vectors trained by any published method: they exist so that a snippet can show how
to read a file in that format without downloading one. The format is GloVe's: one word per line, then its numbers,
all separated by single spaces (`word v1 v2 ... vN`), most frequent word first.

How the vectors are made, deterministically (standard library only, no downloads, no random generator):

1. A toy corpus: SENTENCES sentences filled in from the TEMPLATES below. Sentence n uses template n modulo their
   count, and each slot picks a word from its list with a SHA-256 hash of (SEED, n, slot), so the corpus is the
   same on every machine and every Python version.
2. Co-occurrence counts: how often each pair of words appears within WINDOW words of each other in a sentence.
3. Positive pointwise mutual information (PPMI) of each word with each context word, a classic way to weight
   such counts.
4. A seeded random projection down to DIM numbers: each context word gets a fixed pattern of +1 and -1, one per
   dimension, from a SHA-256 hash of (SEED, context word, dimension); a word's vector is the sum of those patterns
   weighted by its PPMI row, then scaled to a length of sqrt(DIM) / 2 (numbers of about +-0.5).
5. One line per word, most frequent first (ties alphabetically), each number rounded to 5 decimals.

Words that fill the same slots (animals, foods, weekdays) end up with similar vectors, which is all the sample
needs. Every step is pure Python arithmetic done in a fixed order, so the output is the same byte for byte;
tests/test_sample_vectors.py regenerates the file and compares.

Usage: python tools/make_sample_vectors.py [OUTPUT]   (default: snippets/questions/sample_vectors.txt)
"""

from __future__ import annotations

import hashlib
import math
import sys
from collections import Counter
from pathlib import Path

SEED = "keras-embedding-sample-v1"
SENTENCES = 4000
WINDOW = 2
DIM = 16
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "snippets" / "questions" / "sample_vectors.txt"

WORDS = {
    "animal": "cat dog horse cow sheep goat pig rabbit mouse fox wolf bear deer lion tiger monkey duck goose "
    "chicken owl eagle frog snake bee",
    "animal_verb": "runs sleeps eats hides plays swims climbs waits jumps rests",
    "nature": "forest field river lake hill mountain garden farm meadow valley beach island",
    "size": "big small old young tiny huge quiet noisy fast slow",
    "color": "red blue green yellow black white brown grey pink purple",
    "food": "bread cheese apple banana rice soup pasta cake pie egg butter honey milk tea coffee juice salad "
    "potato tomato carrot onion pepper sugar salt chocolate cookie sandwich pizza noodles fish",
    "food_verb": "cooks bakes eats buys cuts serves tastes orders",
    "person": "mother father sister brother grandmother grandfather aunt uncle friend neighbour teacher doctor "
    "nurse farmer baker cook driver pilot student child",
    "building": "kitchen school hospital market shop bakery station office library house restaurant cafe",
    "vehicle": "car bus train bike truck boat plane taxi tram ship",
    "vehicle_verb": "arrives leaves stops turns waits",
    "weather": "rain snow wind sun fog storm cloud ice",
    "weather_adj": "cold warm hot wet dry windy sunny cloudy rainy",
    "weather_verb": "falls blows shines comes stays",
    "day": "monday tuesday wednesday thursday friday saturday sunday",
    "time": "morning evening night afternoon",
    "number": "one two three four five six seven eight nine ten",
    "feeling": "happy sad tired hungry angry calm proud",
    "body": "head hand foot arm leg eye ear nose mouth back",
    "instrument": "piano guitar violin drum flute",
    "music_verb": "plays hears practises tunes",
    "sport": "football tennis chess golf hockey swimming",
}
TEMPLATES = [
    "the {size} {color} {animal} {animal_verb} in the {nature}",
    "my {person} {food_verb} {food} and {food} in the {building}",
    "the {vehicle} {vehicle_verb} at the {building} every {time}",
    "it is {weather_adj} and the {weather} {weather_verb} over the {nature} in the {time}",
    "on {day} the {feeling} {person} takes the {vehicle} to the {building}",
    "the {person} {music_verb} the {instrument} with {number} friends on {day}",
    "a {feeling} {person} hurt a {body} playing {sport} on {day}",
    "the {animal} {animal_verb} near {number} {color} {vehicle}s",
]


def digest(*parts: object) -> bytes:
    return hashlib.sha256(":".join([SEED, *map(str, parts)]).encode("utf-8")).digest()


def corpus() -> list[list[str]]:
    lists = {slot: words.split() for slot, words in WORDS.items()}
    sentences = []
    for n in range(SENTENCES):
        template = TEMPLATES[n % len(TEMPLATES)]
        words = []
        for k, piece in enumerate(template.split()):
            slot = piece[piece.find("{") + 1 : piece.find("}")] if "{" in piece else None
            if slot is None:
                words.append(piece)
                continue
            choices = lists[slot]
            word = choices[int.from_bytes(digest(n, k)[:8], "big") % len(choices)]
            words.append(piece.replace("{" + slot + "}", word))
        sentences.append(words)
    return sentences


def vectors(sentences: list[list[str]]) -> list[tuple[str, list[float]]]:
    frequency = Counter(word for sentence in sentences for word in sentence)
    pairs: Counter[tuple[str, str]] = Counter()
    for sentence in sentences:
        for i, word in enumerate(sentence):
            for j in range(max(0, i - WINDOW), min(len(sentence), i + WINDOW + 1)):
                if j != i:
                    pairs[word, sentence[j]] += 1
    total = sum(pairs.values())
    context_total: Counter[str] = Counter()
    word_total: Counter[str] = Counter()
    for (word, context), count in sorted(pairs.items()):
        word_total[word] += count
        context_total[context] += count
    rows: dict[str, dict[str, float]] = {}
    for (word, context), count in sorted(pairs.items()):
        pmi = math.log(count * total / (word_total[word] * context_total[context]))
        if pmi > 0:
            rows.setdefault(word, {})[context] = pmi
    signs = {c: [1.0 if digest(c, d)[0] & 1 else -1.0 for d in range(DIM)] for c in sorted(context_total)}
    result = []
    for word in sorted(frequency, key=lambda w: (-frequency[w], w)):
        vector = [0.0] * DIM
        for context, weight in sorted(rows.get(word, {}).items()):
            for d in range(DIM):
                vector[d] += weight * signs[context][d]
        length = math.sqrt(sum(x * x for x in vector)) or 1.0
        result.append((word, [x / length * math.sqrt(DIM) / 2 for x in vector]))
    return result


def number(x: float) -> str:
    text = f"{x:.5f}"
    return "0.00000" if text == "-0.00000" else text


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    lines = [" ".join([word, *map(number, vector)]) + "\n" for word, vector in vectors(corpus())]
    output.write_text("".join(lines), encoding="utf-8", newline="\n")
    print(f"{output}: {len(lines)} words, {DIM} numbers each")


if __name__ == "__main__":
    main()
