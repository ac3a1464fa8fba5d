#!/usr/bin/env python3
"""pandas' Spearman correlation on the benchmark file, for comparison with the profile's (not part of the timed
pandas side): taskset -c 0 /usr/bin/python3 benchmarks/data/pandas_spearman.py /tmp/wb-bench/profile-1000000.csv"""
import sys, time
import pandas as pd
frame = pd.read_csv(sys.argv[1])
start = time.perf_counter()
frame.corr(method="spearman", numeric_only=True)
print(f"spearman_s={time.perf_counter() - start:.3f}")
