# Work and memory for one batch, counted rather than timed.
import json

batch, length = 32, 128  # 4096 token ids
vocabulary, dim = 50_000, 128
tokens = batch * length

gather_copies = tokens * dim  # one row of `dim` numbers per id
one_hot_entries = tokens * vocabulary  # the (tokens, vocabulary) one-hot matrix
matmul_flops = 2 * tokens * vocabulary * dim  # one multiply and one add per term

print(f"tokens={tokens:,}  vocabulary={vocabulary:,}  dim={dim}")
print(f"lookup : copies {gather_copies:>15,} numbers")
print(f"one-hot: builds {one_hot_entries:>15,} numbers ({one_hot_entries * 4 / 2**20:,.0f} MiB as float32)")
print(f"         then   {matmul_flops:>15,} floating-point operations")
print(f"matmul / lookup work: {matmul_flops / gather_copies:,.0f}x")
print(f"the table itself: {vocabulary * dim:,} numbers ({vocabulary * dim * 4 / 2**20:,.0f} MiB as float32)")

# The sizes as JSON, for the site's interactive figure (written next to this script).
with open("cost.json", "w") as f:
    json.dump({"tokens": tokens, "vocabulary": vocabulary, "dim": dim}, f)
