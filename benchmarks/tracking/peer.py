"""Peers for the tracking benchmark, run by run.sh on the same machine as the C# side.

1. Raw SQLite bulk insert from Python (sqlite3.executemany, one transaction per 20,000 rows) of the same
   100,000 metric rows into the same table, index and pragmas as Workbench's store: the floor any embedded
   SQLite tracker can reach. (MLflow itself is not installed on this machine, so it is not the peer.)
2. The step time of the same digits MLP (64 -> 128 ReLU -> 10, batch 64, SGD) in PyTorch on one thread, to
   show that the synthetic C# step is of realistic length.
Usage: peer.py [reps] [--torch]. Prints one JSON object (medians).
"""
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time

ROWS = 100_000
REPS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
WITH_TORCH = "--torch" in sys.argv
KEYS = ["loss", "accuracy", "learning_rate", "val_loss", "val_accuracy"]


def sqlite_insert_rate():
    folder = tempfile.mkdtemp(prefix="wb-peer-")
    path = os.path.join(folder, "peer.db")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE metrics (run_key INTEGER NOT NULL, key TEXT NOT NULL, step INTEGER NOT NULL, timestamp INTEGER NOT NULL, value REAL)")
    db.execute("CREATE INDEX metrics_by_run_key_step ON metrics(run_key, key, step)")
    rates = []
    step = 0
    for _ in range(REPS + 2):
        now = int(time.time() * 1000)
        rows = [(1, KEYS[i % 5], step + i // 5, now, i * 1e-3) for i in range(ROWS)]
        started = time.perf_counter()
        for offset in range(0, ROWS, 20_000):
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT INTO metrics VALUES (?, ?, ?, ?, ?)", rows[offset:offset + 20_000])
            db.execute("COMMIT")
        rates.append(ROWS / (time.perf_counter() - started))
        step += ROWS // 5
    db.close()
    return statistics.median(rates[2:])


def torch_step_ms():
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    torch.manual_seed(42)
    model = torch.nn.Sequential(torch.nn.Linear(64, 128, bias=False), torch.nn.ReLU(), torch.nn.Linear(128, 10, bias=False))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.001)
    x = torch.rand(64, 64) * 16
    y = torch.randint(0, 10, (64,))
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(200):
        step()
    times = []
    for _ in range(15):
        started = time.perf_counter()
        for _ in range(500):
            step()
        times.append((time.perf_counter() - started) / 500 * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    json.dump({"sqlite_rows_per_second": sqlite_insert_rate(), "torch_mlp_step_ms": torch_step_ms() if WITH_TORCH else None,
               "python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version}, sys.stdout)
    print()
