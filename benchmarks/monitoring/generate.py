#!/usr/bin/python3
"""Writes the monitoring benchmark's reference and current CSVs (benchmarks/monitoring/README.md), seed 20241121.

   generate.py OUT_DIR [REFERENCE_ROWS] [CURRENT_ROWS]

30 columns: n00..n24 numbers (n00..n07 shifted by 0.2 std in the current batch; n20..n22 with 2 % missing),
c0..c4 labels with 3, 5, 8, 12 and 20 values (c0 and c1 with shifted shares in the current batch).
"""
import os
import sys

import numpy as np
import pandas as pd

out = sys.argv[1]
reference_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
current_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
os.makedirs(out, exist_ok=True)
random = np.random.default_rng(20241121)
means = random.uniform(-50, 50, 25)
stds = random.uniform(0.5, 20, 25)
cardinalities = [3, 5, 8, 12, 20]


def table(rows, shifted):
    columns = {}
    for j in range(25):
        shift = 0.2 * stds[j] if shifted and j < 8 else 0.0
        values = np.round(random.normal(means[j] + shift, stds[j], rows), 4)
        if 20 <= j <= 22:
            values[random.random(rows) < 0.02] = np.nan
        columns[f"n{j:02d}"] = values
    for j, k in enumerate(cardinalities):
        weights = np.linspace(1.0, 2.0, k)
        if shifted and j < 2:
            weights = weights[::-1]
        columns[f"c{j}"] = np.array([f"v{i}" for i in range(k)])[random.choice(k, rows, p=weights / weights.sum())]
    return pd.DataFrame(columns)


table(reference_rows, False).to_csv(os.path.join(out, f"reference-{reference_rows}.csv"), index=False, float_format="%.4f")
table(current_rows, True).to_csv(os.path.join(out, f"current-{current_rows}.csv"), index=False, float_format="%.4f")
