"""PyTorch / scikit-learn / NumPy side of the Learning benchmarks; prints JSON lines like the C# harness.

  torch_bench.py mlp <prefix> <hidden e.g. 128,64> <batch> <epochs> <threads> [lr]
  torch_bench.py logreg <prefix> <threads> [repeats]
  torch_bench.py sgemm <sizes e.g. 256,1024,4096> <threads>
Threads are set explicitly: torch.set_num_threads, and OPENBLAS_NUM_THREADS / OMP_NUM_THREADS by run.sh
before NumPy loads.
"""
import json
import sys
import time

import numpy as np


def load(path):
    with open(path, "rb") as f:
        rows, features = np.fromfile(f, dtype=np.int32, count=2)
        x = np.fromfile(f, dtype=np.float32, count=rows * features).reshape(rows, features)
        y = np.fromfile(f, dtype=np.int32, count=rows)
    return x, y


def mlp(prefix, hidden, batch, epochs, threads, lr=1e-3):
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(7)
    xtr, ytr = load(prefix + ".train.bin")
    xte, yte = load(prefix + ".test.bin")
    classes = int(max(ytr.max(), yte.max())) + 1
    layers, width = [], xtr.shape[1]
    for h in hidden:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    layers.append(torch.nn.Linear(width, classes))
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    x, y = torch.from_numpy(xtr), torch.from_numpy(ytr).long()
    n = x.shape[0]
    rates, start, loss = [], time.perf_counter(), None
    for epoch in range(epochs):
        t0 = time.perf_counter()
        order = torch.randperm(n)
        for i in range(0, n, batch):
            idx = order[i:i + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        rates.append(n / (time.perf_counter() - t0))
    total = time.perf_counter() - start
    steady = rates[1:] if len(rates) > 1 else rates
    with torch.no_grad():
        accuracy = (model(torch.from_numpy(xte)).argmax(1).numpy() == yte).mean()
    print(json.dumps({"task": "mlp", "engine": "pytorch-" + torch.__version__, "data": prefix.rsplit("/", 1)[-1], "threads": threads,
                      "batch": batch, "epochs": epochs, "hidden": hidden, "samples_per_second": len(steady) / sum(1 / r for r in steady),
                      "best_epoch_samples_per_second": max(steady), "median_epoch_samples_per_second": sorted(steady)[len(steady) // 2],
                      "total_seconds": total, "test_accuracy": float(accuracy), "final_loss": float(loss)}))


def logreg(prefix, threads, repeats=5):
    from sklearn.linear_model import LogisticRegression

    xtr, ytr = load(prefix + ".train.bin")
    xte, yte = load(prefix + ".test.bin")
    x = xtr.astype(np.float64)
    for _ in range(5):
        LogisticRegression(C=1.0).fit(x, ytr)
    times, model = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        model = LogisticRegression(C=1.0).fit(x, ytr)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"task": "logreg", "engine": "sklearn-" + __import__("sklearn").__version__, "data": prefix.rsplit("/", 1)[-1], "threads": threads,
                      "fit_seconds": min(times), "fit_seconds_median": sorted(times)[len(times) // 2], "iterations": int(model.n_iter_[0]),
                      "test_accuracy": float((model.predict(xte.astype(np.float64)) == yte).mean())}))


def sgemm(sizes, threads):
    for size in sizes:
        rng = np.random.RandomState(1)
        a = rng.uniform(-1, 1, (size, size)).astype(np.float32)
        b = rng.uniform(-1, 1, (size, size)).astype(np.float32)
        a @ b
        flops = 2.0 * size ** 3
        repeats = max(3, int(3e10 / flops))
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            for _ in range(repeats):
                a @ b
            best = min(best, (time.perf_counter() - t0) / repeats)
        print(json.dumps({"task": "sgemm", "engine": "numpy-openblas", "size": size, "threads": threads, "gflops": flops / best / 1e9}))


if __name__ == "__main__":
    task = sys.argv[1]
    if task == "mlp":
        mlp(sys.argv[2], [int(h) for h in sys.argv[3].split(",")], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]),
            float(sys.argv[7]) if len(sys.argv) > 7 else 1e-3)
    elif task == "logreg":
        logreg(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    elif task == "sgemm":
        sgemm([int(s) for s in sys.argv[2].split(",")], int(sys.argv[3]))
    else:
        sys.exit("unknown task " + task)
