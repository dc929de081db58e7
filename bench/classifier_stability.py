"""How steady the event classifier's training is: train on one fold's rows, then again
without a few of them, and count the held-out sentences whose top label flips, at
scikit-learn's default solver tolerance and at the one training uses
(``worldwire.training.events.TOL``).

    .venv/bin/python bench/classifier_stability.py            # about 8 minutes on 2 cores
    .venv/bin/python bench/classifier_stability.py --drop 20 --tol 1e-4 1e-6 1e-7

The folds are those of ``python -m worldwire.training.events --cv 5`` (the train
items of parts 1-6 in five folds, parts 7-10 always trained on); fold 0 is held out.
Dev items are never read.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from worldwire.training import events as training

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--drop", type=int, default=5, help="training rows left out in the second fit")
    ap.add_argument("--tol", type=float, nargs="+", default=[1e-4, training.TOL])
    args = ap.parse_args()

    items = [it for it in training.read_bank() if it.get("split") != "dev"]
    scored = [it for it in items if not it["id"].startswith(training.ALWAYS_TRAINED)]
    always = [it for it in items if it["id"].startswith(training.ALWAYS_TRAINED)]
    t0 = time.time()
    texts = training.prepared(scored + always)
    labels = [training.label_of(it) for it in scored + always]
    print(f"{len(texts)} train items prepared in {time.time() - t0:.0f} s")
    fold = np.random.default_rng(0).permutation(len(scored)) % 5
    held = [i for i in range(len(scored)) if fold[i] == 0]
    rows = [i for i in range(len(texts)) if i >= len(scored) or fold[i] != 0]
    dropped = set(np.random.default_rng(1).choice(rows, args.drop, replace=False).tolist())
    held_texts = [texts[i] for i in held]
    default_tol = training.TOL
    try:
        for tol in args.tol:
            training.TOL = tol
            probs, seconds, iters = [], [], []
            for use in (rows, [r for r in rows if r not in dropped]):
                t0 = time.time()
                pipe = training.fit([texts[i] for i in use], [labels[i] for i in use])
                seconds.append(time.time() - t0)
                iters.append(int(pipe.steps[1][1].n_iter_[0]))
                probs.append(pipe.predict_proba(held_texts))
            a, b = probs
            flips = int((a.argmax(1) != b.argmax(1)).sum())
            print(f"tol {tol:g}: {iters[0]} and {iters[1]} iterations, {seconds[0]:.0f} and {seconds[1]:.0f} s a fit; "
                  f"without {args.drop} of {len(rows)} rows, {flips} of {len(held)} held-out top labels flip; "
                  f"largest probability change {np.abs(a - b).max():.3f}, mean {np.abs(a - b).mean():.5f}")
    finally:
        training.TOL = default_tol


if __name__ == "__main__":
    main()
