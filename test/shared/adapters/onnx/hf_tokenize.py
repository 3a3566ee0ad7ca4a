"""Reference token ids from Hugging Face's own tokenizer (the Rust `tokenizers` library) for the same
tokenizer.json: reads {"tokenizer": path, "texts": [...], "maxTokens": n} on stdin, prints [[ids...], ...]."""
import json
import sys

from tokenizers import Tokenizer

request = json.load(sys.stdin)
tokenizer = Tokenizer.from_file(request["tokenizer"])
tokenizer.no_padding()
tokenizer.enable_truncation(max_length=request["maxTokens"], strategy="longest_first")
encodings = tokenizer.encode_batch(request["texts"], add_special_tokens=True)
json.dump([encoding.ids for encoding in encodings], sys.stdout)
