#!/usr/bin/env python3
"""The pandas side of the profiling benchmark: read_csv + describe() + corr() + value_counts of every
text column, timed in-process; run under /usr/bin/time -v for peak memory.

    /usr/bin/python3 benchmarks/data/pandas_side.py /tmp/wb-bench/profile.csv
"""
import sys
import time

import pandas as pd


def main() -> None:
    path = sys.argv[1]
    start = time.perf_counter()
    frame = pd.read_csv(path)
    loaded = time.perf_counter()
    described = frame.describe()
    correlations = frame.corr(numeric_only=True)
    counts = {name: frame[name].value_counts() for name in frame.columns if frame[name].dtype == object}
    done = time.perf_counter()
    print(f"rows={len(frame)} columns={frame.shape[1]} described={described.shape[1]} corr={correlations.shape[0]} counted={len(counts)}")
    print(f"load_s={loaded - start:.3f} profile_s={done - loaded:.3f} total_s={done - start:.3f}")


if __name__ == "__main__":
    main()
