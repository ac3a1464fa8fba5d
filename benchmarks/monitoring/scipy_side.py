#!/usr/bin/python3
"""The numpy / scipy side of benchmarks/monitoring: per column ks_2samp, wasserstein_distance and a 10-bin
histogram PSI for numbers, chisquare of the current counts against the reference shares for labels.

   scipy_side.py REFERENCE.csv CURRENT.csv

Prints load_s, report_s (wall), report_cpu_s (CPU time of the report) and checksums of the statistics (compared with the Workbench side by run.sh).
"""
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats



def fill_zeros(shares):
    smallest = shares[shares != 0].min()
    return np.where(shares == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001, shares)


start = time.perf_counter()
reference = pd.read_csv(sys.argv[1])
current = pd.read_csv(sys.argv[2])
loaded = time.perf_counter()
cpu_loaded = time.process_time()

ks_sum = wasserstein_sum = psi_sum = chi_sum = 0.0
drifted = 0
for name in reference.columns:
    if name.startswith("n"):
        r = reference[name].to_numpy()
        c = current[name].to_numpy()
        r = r[~np.isnan(r)]
        c = c[~np.isnan(c)]
        ks = stats.ks_2samp(r, c)
        distance = stats.wasserstein_distance(r, c)
        low, high = min(r.min(), c.min()), max(r.max(), c.max())
        r_counts, edges = np.histogram(r, bins=10, range=(low, high))
        c_counts, _ = np.histogram(c, bins=edges)
        # PSI = sum (r - c) ln(r / c) over the bins' shares; an empty bin's share becomes 0.0001, or the side's smallest
        # non-zero share / 10^6 when that is at most 0.0001 (Evidently's get_binned_data).
        rs = fill_zeros(r_counts / len(r))
        cs = fill_zeros(c_counts / len(c))
        psi = float(np.sum((rs - cs) * np.log(rs / cs)))
        ks_sum += ks.statistic
        wasserstein_sum += distance
        psi_sum += psi
        drifted += ks.pvalue < 0.05
    else:
        r = reference[name].value_counts()
        c = current[name].value_counts().reindex(r.index, fill_value=0)
        chi = stats.chisquare(c.to_numpy(), r.to_numpy() / r.sum() * c.sum())
        chi_sum += chi.statistic
        drifted += chi.pvalue < 0.05
done = time.perf_counter()
cpu_done = time.process_time()
print(f"ks_sum={ks_sum:.9f} wasserstein_sum={wasserstein_sum:.9f} psi_sum={psi_sum:.9f} chi_sum={chi_sum:.6f} drifted={drifted}")
print(f"load_s={loaded - start:.3f} report_s={done - loaded:.3f} report_cpu_s={cpu_done - cpu_loaded:.3f}")
