#!/usr/bin/env python3
"""Writes the profiling benchmark's CSV: ROWS rows x 30 columns, deterministic (seed 20241121).

18 float columns (normal, log-normal, uniform, bimodal; 4 with ~5% missing), 6 integer columns,
5 text columns with 2 to 50 labels (one with ~3% missing) and 1 boolean column.

    /usr/bin/python3 benchmarks/data/generate.py /tmp/wb-bench/profile.csv [ROWS]
"""
import sys

import numpy as np
import pandas as pd


def main() -> None:
    path = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = np.random.default_rng(20241121)
    columns = {}
    for i in range(18):
        kind = i % 4
        if kind == 0:
            values = rng.normal(50 + i, 10 + i, rows)
        elif kind == 1:
            values = rng.lognormal(1 + i / 10, 0.6, rows)
        elif kind == 2:
            values = rng.uniform(-i, 100 + i, rows)
        else:
            values = np.where(rng.random(rows) < 0.4, rng.normal(20, 3, rows), rng.normal(60, 8, rows))
        values = np.round(values, 4)
        if i < 4:
            values[rng.random(rows) < 0.05] = np.nan
        columns[f"f{i:02d}"] = values
    columns["age"] = rng.integers(18, 95, rows)
    columns["visits"] = rng.poisson(2.5, rows)
    columns["stay_days"] = rng.geometric(0.2, rows)
    columns["score"] = rng.integers(0, 1000, rows)
    columns["year"] = rng.integers(2015, 2025, rows)
    columns["dose_mg"] = rng.choice([5, 10, 20, 40, 80], rows)
    labels = {
        "sex": ["F", "M"],
        "smoker": ["never", "former", "current", "unknown"],
        "department": ["cardiology", "neurology", "oncology", "pulmonology", "surgery", "geriatrics", "general_medicine"],
        "insurance": [f"plan_{k:02d}" for k in range(12)],
        "site": [f"hospital_{k:02d}" for k in range(50)],
    }
    for name, choices in labels.items():
        weights = rng.dirichlet(np.ones(len(choices)) * 2)
        values = rng.choice(np.array(choices, dtype=object), rows, p=weights)
        if name == "smoker":
            values[rng.random(rows) < 0.03] = None
        columns[name] = values
    columns["diabetes"] = rng.random(rows) < 0.18
    frame = pd.DataFrame(columns)
    frame.to_csv(path, index=False)


if __name__ == "__main__":
    main()
