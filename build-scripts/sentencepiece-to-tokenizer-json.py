#!/usr/bin/python3
"""Writes a SentencePiece Unigram model (.model) as a Hugging Face tokenizer.json.

The file takes the layout the Hub's files made from SentencePiece models have:
the model's pieces and scores as a Unigram model, its normalization rule as a
Precompiled normalizer (the charsmap, base64), and SentencePiece's whitespace
handling (drop extra spaces, prefix every word with "▁") spelled as a Replace,
WhitespaceSplit and Metaspace. Three layouts, named after the models whose
files they copy:

  t5      the pieces as they are, then <extra_id_99> … <extra_id_0>; "$A </s>"
  albert  pieces ending in a digit and a comma ("▁1,") scored 100 lower; the
          normalizer turns `` and '' into ", decomposes (NFKD), drops accents
          and lower-cases before the charsmap; "[CLS] $A [SEP]"
  xlmr    <s> <pad> </s> <unk>, then the pieces after the model's first three
          (so piece 3 is id 4), then <mask>; "<s> $A </s>"

For example, a model whose pieces are <unk> <s> </s> ▁a (score -1.5), t5
layout, no extra ids:

  "model": {"type": "Unigram", "unk_id": 0, "byte_fallback": false,
            "vocab": [["<unk>", 0.0], ["<s>", 0.0], ["</s>", 0.0], ["▁a", -1.5]]}

Control pieces (<s>, </s>, [CLS]), the unknown piece and the layout's own
tokens become special added tokens, user-defined pieces non-special ones, all
matched in the text before normalization (normalized: false). A model with byte
fallback keeps its <0x00> … <0xFF> pieces and decodes them back to bytes.

    /usr/bin/python3 build-scripts/sentencepiece-to-tokenizer-json.py MODEL OUT.json [--layout t5|albert|xlmr]
        [--extra-ids N]

Needs Debian's python3-sentencepiece and python3-protobuf.
"""

import argparse
import base64
import json
import re
import sys

from sentencepiece import sentencepiece_model_pb2

METASPACE = "\u2581"

# sentencepiece_model.proto's ModelProto.SentencePiece.Type.
NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE = 1, 2, 3, 4, 5, 6
UNIGRAM = 1  # TrainerSpec.ModelType

# ALBERT's and XLNet's SentencePiece models split "1,000" as "▁1," "000"; their
# converter marks such pieces down so the comma goes with what follows.
NUMBER_COMMA = re.compile(r".*\d,$")
NUMBER_COMMA_PENALTY = 100.0


class ConversionError(Exception):
    pass


def read_model(path):
    model = sentencepiece_model_pb2.ModelProto()
    with open(path, "rb") as file:
        model.ParseFromString(file.read())
    if model.trainer_spec.model_type != UNIGRAM:
        raise ConversionError(f"{path}: not a Unigram model (model_type {model.trainer_spec.model_type})")
    # Why: the layout spells SentencePiece's whitespace handling with
    # WhitespaceSplit and Metaspace(prepend "always"), which is only that
    # handling at the trainer's defaults.
    spec = model.normalizer_spec
    if not (spec.add_dummy_prefix and spec.remove_extra_whitespaces and spec.escape_whitespaces):
        raise ConversionError(f"{path}: the layout needs add_dummy_prefix, remove_extra_whitespaces and "
                              "escape_whitespaces on")
    if model.trainer_spec.treat_whitespace_as_suffix:
        raise ConversionError(f"{path}: treat_whitespace_as_suffix has no Metaspace spelling")
    return model


def vocabulary(model, layout, extra_ids):
    pieces = [(piece.piece, piece.score) for piece in model.pieces]
    if layout == "t5":
        return pieces + [(f"<extra_id_{i}>", 0.0) for i in reversed(range(extra_ids))]
    if layout == "albert":
        return [(piece, score - NUMBER_COMMA_PENALTY if NUMBER_COMMA.match(piece) else score) for piece, score in pieces]
    # xlmr: fairseq's four first, so every model piece after the third moves up one.
    spec = model.trainer_spec
    if (spec.unk_id, spec.bos_id, spec.eos_id) != (0, 1, 2):
        raise ConversionError("the xlmr layout needs a model with <unk> <s> </s> as pieces 0, 1, 2")
    head = [(spec.bos_piece, 0.0), (spec.pad_piece, 0.0), (spec.eos_piece, 0.0), (spec.unk_piece, 0.0)]
    return head + pieces[3:] + [("<mask>", 0.0)]


def unk_id(model, layout):
    return 3 if layout == "xlmr" else model.trainer_spec.unk_id


def added_token(token_id, content, special, lstrip=False):
    return {"id": token_id, "content": content, "single_word": False, "lstrip": lstrip, "rstrip": False,
            "normalized": False, "special": special}


def added_tokens(model, layout, vocab):
    ids = {piece: i for i, (piece, _) in enumerate(vocab)}
    tokens = []
    for piece in model.pieces:
        if piece.type in (UNKNOWN, CONTROL, USER_DEFINED) and piece.piece in ids:
            tokens.append(added_token(ids[piece.piece], piece.piece, special=piece.type != USER_DEFINED))
    if layout == "t5":
        tokens += [added_token(ids[piece], piece, True) for piece, _ in vocab if piece.startswith("<extra_id_")]
    if layout == "xlmr":
        # The Hub's XLM-R file lets <mask> take the spaces before it.
        tokens += [added_token(ids[model.trainer_spec.pad_piece], model.trainer_spec.pad_piece, True),
                   added_token(ids["<mask>"], "<mask>", True, lstrip=True)]
    return sorted(tokens, key=lambda token: token["id"])


def regex_replace(pattern, content):
    return {"type": "Replace", "pattern": {"Regex": pattern}, "content": content}


def string_replace(pattern, content):
    return {"type": "Replace", "pattern": {"String": pattern}, "content": content}


def normalizer(model, layout):
    steps = []
    if layout == "albert":
        steps += [string_replace("``", '"'), string_replace("''", '"'), {"type": "NFKD"}, {"type": "StripAccents"},
                  {"type": "Lowercase"}]
    charsmap = model.normalizer_spec.precompiled_charsmap
    if charsmap:  # empty for the identity rule
        steps.append({"type": "Precompiled", "precompiled_charsmap": base64.b64encode(charsmap).decode("ascii")})
    steps.append(regex_replace(" {2,}", " "))
    return {"type": "Sequence", "normalizers": steps}


def metaspace():
    return {"type": "Metaspace", "replacement": METASPACE, "prepend_scheme": "always", "split": True}


def decoder(model):
    if not model.trainer_spec.byte_fallback:
        return metaspace()
    # Byte pieces become bytes again, joined into characters, as LLaMA's files decode.
    return {"type": "Sequence", "decoders": [
        string_replace(METASPACE, " "), {"type": "ByteFallback"}, {"type": "Fuse"},
        {"type": "Strip", "content": " ", "start": 1, "stop": 0}]}


def template(single, pair, specials, vocab):
    ids = {piece: i for i, (piece, _) in enumerate(vocab)}

    def items(spec):
        result = []
        for word in spec.split():
            name, _, type_id = word.partition(":")
            type_id = int(type_id or 0)
            if name.startswith("$"):
                result.append({"Sequence": {"id": name[1:], "type_id": type_id}})
            else:
                result.append({"SpecialToken": {"id": name, "type_id": type_id}})
        return result

    return {"type": "TemplateProcessing", "single": items(single), "pair": items(pair),
            "special_tokens": {name: {"id": name, "ids": [ids[name]], "tokens": [name]} for name in specials}}


def post_processor(layout, vocab):
    if layout == "t5":
        return template("$A </s>", "$A </s> $B </s>", ["</s>"], vocab)
    if layout == "albert":
        return template("[CLS]:0 $A:0 [SEP]:0", "[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1", ["[CLS]", "[SEP]"], vocab)
    return template("<s> $A </s>", "<s> $A </s> </s> $B </s>", ["<s>", "</s>"], vocab)


def tokenizer_json(model, layout, extra_ids):
    vocab = vocabulary(model, layout, extra_ids)
    names = {piece for piece, _ in vocab}
    needed = {"t5": ["</s>"], "albert": ["[CLS]", "[SEP]"], "xlmr": ["<s>", "</s>"]}[layout]
    if missing := [name for name in needed if name not in names]:
        raise ConversionError(f"the {layout} layout needs the pieces {', '.join(missing)}")
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added_tokens(model, layout, vocab),
        "normalizer": normalizer(model, layout),
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"}, metaspace()]},
        "post_processor": post_processor(layout, vocab),
        "decoder": decoder(model),
        "model": {"type": "Unigram", "unk_id": unk_id(model, layout), "vocab": [[piece, score] for piece, score in vocab],
                  "byte_fallback": model.trainer_spec.byte_fallback},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", help="SentencePiece .model file (Unigram)")
    parser.add_argument("output", help="tokenizer.json to write")
    parser.add_argument("--layout", choices=["t5", "albert", "xlmr"], default="t5")
    parser.add_argument("--extra-ids", type=int, default=100, help="t5 layout: how many <extra_id_N> tokens")
    args = parser.parse_args()
    try:
        result = tokenizer_json(read_model(args.model), args.layout, args.extra_ids)
    except ConversionError as error:
        sys.exit(f"sentencepiece-to-tokenizer-json: {error}")
    with open(args.output, "w", encoding="utf-8") as file:
        json.dump(result, file, ensure_ascii=False, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
