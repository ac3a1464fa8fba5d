"""Writes the benchmark data sets both sides read (deterministic, fixed seeds).

Layout of each .bin file: int32 rows, int32 features, float32 features (row-major), int32 labels.
  digits: data-samples/digits.csv standardised on its train split (75/25, seed 0).
  breast_cancer: data-samples/breast_cancer.csv the same way (labels: benign 0, malignant 1).
  synthetic: 1,000,000 + 100,000 rows x 32 features; 4 classes from a fixed random two-layer "teacher"
             network with 5% label noise, so an MLP has real nonlinear structure to learn.
"""
import os
import sys

import numpy as np

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def write(path, x, y):
    x = np.ascontiguousarray(x, dtype=np.float32)
    with open(path, "wb") as f:
        np.array([x.shape[0], x.shape[1]], dtype=np.int32).tofile(f)
        x.tofile(f)
        np.ascontiguousarray(y, dtype=np.int32).tofile(f)


def sample(name, label, mapping=None):
    data = np.genfromtxt(os.path.join(root, "data-samples", name + ".csv"), delimiter=",", names=True, dtype=None, encoding="utf-8")
    columns = [c for c in data.dtype.names if c != label]
    x = np.stack([data[c].astype(np.float64) for c in columns], axis=1)
    y = np.array([mapping[v] if mapping else int(v) for v in data[label]])
    order = np.random.RandomState(0).permutation(len(y))
    cut = int(round(len(y) * 0.75))
    train, test = order[:cut], order[cut:]
    mean, std = x[train].mean(0), x[train].std(0)
    std[std == 0] = 1
    write(os.path.join(out, name + ".train.bin"), (x[train] - mean) / std, y[train])
    write(os.path.join(out, name + ".test.bin"), (x[test] - mean) / std, y[test])


sample("digits", "label")
sample("breast_cancer", "diagnosis", {"benign": 0, "malignant": 1})

if not os.path.exists(os.path.join(out, "synthetic.test.bin")):
    rng = np.random.RandomState(42)
    rows, features = 1_100_000, 32
    x = rng.standard_normal((rows, features)).astype(np.float32)
    w1 = rng.standard_normal((features, 64)) / np.sqrt(features)
    w2 = rng.standard_normal((64, 4)) / 8.0
    logits = np.tanh(x @ w1) @ w2 * 6
    y = logits.argmax(1)
    noise = rng.rand(rows) < 0.05
    y[noise] = rng.randint(0, 4, noise.sum())
    write(os.path.join(out, "synthetic.train.bin"), x[:1_000_000], y[:1_000_000])
    write(os.path.join(out, "synthetic.test.bin"), x[1_000_000:], y[1_000_000:])
    # The first 100,000 training rows, for LogisticRegression fits (scikit-learn's lbfgs on 1M rows takes minutes).
    write(os.path.join(out, "synthetic100k.train.bin"), x[:100_000], y[:100_000])
    write(os.path.join(out, "synthetic100k.test.bin"), x[1_000_000:], y[1_000_000:])
