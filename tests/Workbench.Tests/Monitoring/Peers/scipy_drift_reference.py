"""Reference values from Debian's scipy 1.10 / numpy for the Monitoring conformance tests.

Prints one JSON document: samples (built here with fixed seeds) and, for each, what scipy computes. The C# tests
recompute everything from the same samples and compare to 1e-9. PSI, KL and Jensen-Shannon on binned data follow
the documented formula (Evidently's binning: Sturges edges over the pooled values, empty bins filled), written here
with numpy so the formula itself is cross-checked.
"""
import json
import warnings

import numpy as np
from scipy import special, stats
from scipy.spatial import distance

warnings.simplefilter("ignore")
rng = np.random.default_rng(20261121)


def pairs():
    yield "normal_8_12", rng.normal(size=8), rng.normal(0.5, 1, size=12)
    yield "equal_20_20", rng.normal(size=20), rng.normal(0.3, 1.2, size=20)
    yield "equal_300_300", rng.normal(size=300), rng.normal(0.1, 1, size=300)
    yield "ties_50_70", rng.integers(0, 6, size=50).astype(float), rng.integers(0, 7, size=70).astype(float)
    yield "shift_300_1000", rng.normal(size=300), rng.normal(0.15, 1, size=1000)
    yield "same_400_900", rng.normal(size=400), rng.normal(size=900)
    yield "gamma_1000_9999", rng.gamma(2.0, 1.0, size=1000), rng.gamma(2.1, 1.0, size=9999)
    yield "asymp_1000_12000", rng.normal(size=1000), rng.normal(0.05, 1, size=12000)
    yield "asymp_120_15000", rng.normal(size=120), rng.normal(0.2, 1, size=15000)
    yield "asymp_5000_20000", rng.normal(size=5000), rng.normal(0.02, 1, size=20000)
    yield "far_apart_200_11000", rng.normal(size=200), rng.normal(3, 1, size=11000)
    yield "identical_60", np.arange(60, dtype=float), np.arange(60, dtype=float)
    yield "uniform_15_18", rng.uniform(size=15), rng.uniform(0.2, 1.2, size=18)
    yield "lognormal_2000_3000", rng.lognormal(3, 0.5, size=2000), rng.lognormal(3.05, 0.5, size=3000)
    yield "rounded_700_800", np.round(rng.normal(50, 10, size=700)), np.round(rng.normal(51, 10, size=800))


def sturges_shares(a, b):
    pooled = np.concatenate([a, b])
    edges = np.histogram_bin_edges(pooled, bins="sturges")
    ra = np.histogram(a, edges)[0] / len(a)
    rb = np.histogram(b, edges)[0] / len(b)
    return edges, np.histogram(a, edges)[0], np.histogram(b, edges)[0], fill(ra), fill(rb)


def fill(shares):
    shares = shares.copy()
    smallest = min(shares[shares != 0])
    np.place(shares, shares == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return shares


def number(x):
    """A float for JSON: infinities as the text .NET parses ("Infinity"), since JSON has no literal for them."""
    x = float(x)
    return x if np.isfinite(x) else ("Infinity" if x > 0 else "-Infinity")


cases = []
for name, a, b in pairs():
    a_sorted, b_sorted = np.sort(a), np.sort(b)
    ks = stats.ks_2samp(a, b)
    case = {
        "name": name,
        "a": a.tolist(),
        "b": b.tolist(),
        "ks": [float(ks.statistic), float(ks.pvalue)],
        "wasserstein": float(stats.wasserstein_distance(a, b)),
        "std_a": float(np.std(a)),
    }
    if len(np.unique(np.concatenate([a, b]))) > 1:
        ad = stats.anderson_ksamp([a, b])
        case["anderson"] = [float(ad.statistic), float(ad.pvalue)]
    if len(a) > 1 and len(b) > 1:
        cvm = stats.cramervonmises_2samp(a, b)
        case["cvm"] = [float(cvm.statistic), float(cvm.pvalue)]
    edges, ca, cb, ra, rb = sturges_shares(a, b)
    case["edges"] = edges.tolist()
    case["counts_a"] = ca.tolist()
    case["counts_b"] = cb.tolist()
    case["psi"] = float(np.sum((ra - rb) * np.log(ra / rb)))
    case["kl"] = float(stats.entropy(ra, rb))
    case["jensenshannon"] = float(distance.jensenshannon(ra, rb))
    cases.append(case)

# Category counts: chi-square against the reference shares scaled to the current size (Evidently's expected counts).
categorical = []
for name, ref, cur in [
    ("four_levels", [400, 300, 200, 100], [95, 80, 45, 30]),
    ("shifted", [500, 250, 250], [200, 200, 100]),
    ("many", list(rng.integers(20, 200, size=12)), list(rng.integers(5, 60, size=12))),
    ("new_level", [300, 200, 0], [50, 30, 20]),
]:
    ref = np.array(ref, dtype=float)
    cur = np.array(cur, dtype=float)
    expected = ref * (cur.sum() / ref.sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        chi = stats.chisquare(cur, expected)
    rs, cs = fill(ref / ref.sum()), fill(cur / cur.sum())
    categorical.append({
        "name": name, "reference": ref.tolist(), "current": cur.tolist(),
        "chi2": [number(chi.statistic), number(chi.pvalue)],
        "psi": float(np.sum((rs - cs) * np.log(rs / cs))),
        "kl": float(stats.entropy(rs, cs)),
        "jensenshannon": float(distance.jensenshannon(rs, cs)),
    })

# Two proportions (Evidently's z-test formula with scipy's normal CDF).
ztests = []
for s1, n1, s2, n2 in [(30, 100, 45, 100), (500, 1000, 520, 1000), (10, 600, 2, 700), (1, 5, 4, 5)]:
    p1, p2 = s1 / n1, s2 / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    ztests.append({"counts": [s1, n1, s2, n2], "z": float(z), "p": float(2 * (1 - stats.norm.cdf(np.abs(z))))})

# The distributions behind the asymptotic p-values, over a grid reaching every branch scipy takes.
kstwo = []
for n in [1, 2, 3, 5, 10, 37, 100, 140, 141, 400, 1000, 5000, 90909, 100000, 250000]:
    for x in [0.5 / n + 1e-9, 0.7 / n, 1.0 / n, 0.002, 0.01, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.8, 0.95, 1 - 0.9 / n]:
        if 0 < x < 1:
            kstwo.append([n, x, float(stats.kstwo.sf(x, n))])
smirnov = [[n, x, float(special.smirnov(n, x))] for n in [1, 4, 30, 141, 1000, 1013, 20000, 90909] for x in [0.001, 0.01, 0.05, 0.2, 0.5, 0.9]]
cvm_limit = [[x, float(stats._hypotests._cdf_cvm_inf(x))] for x in [0.01, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8, 1.2, 2.0]]

print(json.dumps({"scipy": __import__("scipy").__version__, "cases": cases, "categorical": categorical,
                  "ztests": ztests, "kstwo": kstwo, "smirnov": smirnov, "cvm_limit": cvm_limit}))
