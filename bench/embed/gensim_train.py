"""Trains gensim's Word2Vec for bench/embed.mjs and prints the training time.

    /usr/bin/python3 gensim_train.py CORPUS OUT.vec --dim 100 --window 5 --negative 5 \
        --min-count 5 --sample 1e-4 --epochs 5 --lr 0.025 --seed 1
    -> {"train_cpu_s": 71.2, "train_wall_s": 73.0, "vocabulary": 35121}

The corpus is streamed with LineSentence (a line is a sentence, split on
whitespace), gensim's usual way for a file. The vocabulary is built first and
untimed; the timed part is model.train() alone, on the process clock (all of
gensim's threads: with workers=1 a job producer and one worker) and the wall
clock.
"""
import argparse
import json
import time

from gensim.models import word2vec


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("output")
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--negative", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--sample", type=float, default=1e-4)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--lr", type=float, default=0.025)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    sentences = word2vec.LineSentence(args.corpus)
    model = word2vec.Word2Vec(
        sg=1, hs=0, vector_size=args.dim, window=args.window, negative=args.negative,
        min_count=args.min_count, sample=args.sample, epochs=args.epochs,
        alpha=args.lr, min_alpha=args.lr * 1e-4, workers=1, seed=args.seed)
    model.build_vocab(sentences)

    cpu_before = time.process_time()
    wall_before = time.perf_counter()
    model.train(sentences, total_examples=model.corpus_count, epochs=model.epochs)
    train_cpu = time.process_time() - cpu_before
    train_wall = time.perf_counter() - wall_before

    model.wv.save_word2vec_format(args.output)
    print(json.dumps({
        "train_cpu_s": train_cpu,
        "train_wall_s": train_wall,
        "vocabulary": len(model.wv),
        "fast_version": word2vec.FAST_VERSION,
    }))


if __name__ == "__main__":
    main()
