#!/usr/bin/python3
"""SentencePiece's own ids and text for the Unigram parity tests (unigram-references.mjs).

Debian's python3-sentencepiece runs the same library as spm_encode and
spm_decode (libsentencepiece0), on whole texts: spm_encode reads a sentence per
line, and the parity texts hold newlines. No BOS or EOS, as both tools default.

    unigram-sentencepiece.py encode MODEL TEXTS.jsonl IDS.txt   a JSON string a line -> ids, space-separated
    unigram-sentencepiece.py decode MODEL IDS.txt TEXTS.jsonl   the reverse: a JSON string a line

    "Hello world" -> "1234 56" (encode); "1234 56" -> "Hello world" (decode)
"""

import json
import sys

import sentencepiece


def main():
    mode, model, source, target = sys.argv[1:5]
    processor = sentencepiece.SentencePieceProcessor(model_file=model)
    with open(source, encoding="utf-8") as file:
        lines = file.read().split("\n")[:-1]
    with open(target, "w", encoding="utf-8") as out:
        if mode == "encode":
            for ids in processor.encode([json.loads(line) for line in lines]):
                out.write(" ".join(map(str, ids)) + "\n")
        elif mode == "decode":
            for text in processor.decode([[int(id) for id in line.split()] for line in lines]):
                out.write(json.dumps(text, ensure_ascii=False) + "\n")
        else:
            sys.exit(f"unigram-sentencepiece.py: unknown mode {mode} (encode or decode)")


if __name__ == "__main__":
    main()
