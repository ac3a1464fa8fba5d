"""Turns a results .jsonl from run.sh into the markdown tables of README.md (ratios, not absolute claims)."""
import collections
import json
import re
import subprocess
import sys


def machine():
    text = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    field = lambda name: (re.search(rf"^{name}:\s*(.+)$", text, re.M) or [None, ""])[1].strip()
    flags = field("Flags").split()
    cores = int(field("Core\\(s\\) per socket") or 1) * int(field("Socket\\(s\\)") or 1)
    mhz = field("CPU max MHz")
    if not mhz:
        cpuinfo = open("/proc/cpuinfo").read()
        mhz = (re.search(r"^cpu MHz\s*:\s*([\d.]+)", cpuinfo, re.M) or [None, "0"])[1]
    ghz = float(mhz) / 1000
    per_cycle = 64 if "avx512f" in flags else 32 if ("avx2" in flags and "fma" in flags) else 16 if "avx" in flags else 8
    return field("Model name"), cores, ghz, per_cycle


def main(path):
    rows = [json.loads(line) for line in open(path) if line.startswith("{")]
    name, cores, ghz, per_cycle = machine()
    loads = [r["loadavg"] for r in rows if r["task"] == "load"]
    if loads:
        print(f"Load average (1/5/15 min) at the start of each repeat: {'; '.join(loads)}. Each figure is the best of the repeats.\n")
    print(f"Machine: {name}, {cores} cores, {ghz:.2f} GHz reported, {per_cycle} FP32 FLOPs/cycle/core assumed "
          f"(2 FMA pipes x {per_cycle // 4} lanes x 2) -> peak estimate {cores * ghz * per_cycle:.0f} GFLOP/s "
          f"({ghz * per_cycle:.0f} per core).\n")

    print("| SGEMM n | threads | Workbench managed GFLOP/s | OpenBLAS (from C#) | NumPy/OpenBLAS | managed / OpenBLAS | managed / peak |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    sgemm = collections.defaultdict(dict)
    for r in rows:
        if r["task"] == "sgemm":
            cell = sgemm[(r["size"], r["threads"])]
            cell[r["engine"]] = max(cell.get(r["engine"], 0.0), r["gflops"])
    for (size, t), e in sorted(sgemm.items()):
        m, o, n = e.get("workbench-managed"), e.get("workbench-openblas"), e.get("numpy-openblas")
        peak = t * ghz * per_cycle
        print(f"| {size} | {t} | {m:.0f} | {o:.0f} | {n:.0f} | {m / max(o, n):.2f}x | {m / peak:.0%} |")

    print("\n| MLP (Adam) | threads | batch | epochs | Workbench samples/s | PyTorch samples/s | ratio | Workbench test acc. | PyTorch test acc. |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    mlp = collections.defaultdict(lambda: collections.defaultdict(list))
    for r in rows:
        if r["task"] == "mlp":
            key = (r["data"], r["threads"], r["batch"], r["epochs"], "-".join(map(str, r["hidden"])))
            mlp[key]["torch" if r["engine"].startswith("pytorch") else "wb"].append(r)
    for (data, t, batch, epochs, hidden), e in sorted(mlp.items()):
        if not e["wb"] or not e["torch"]:
            continue
        ours = max(x["median_epoch_samples_per_second"] for x in e["wb"])
        theirs = max(x["median_epoch_samples_per_second"] for x in e["torch"])
        print(f"| {data} ({hidden}) | {t} | {batch} | {epochs} | {ours:,.0f} | {theirs:,.0f} | {ours / theirs:.2f}x | "
              f"{e['wb'][0]['test_accuracy']:.4f} | {e['torch'][0]['test_accuracy']:.4f} |")

    print("\n| LogisticRegression (C=1, lbfgs) | threads | Workbench fit s | scikit-learn fit s | speed-up | iterations (WB / sk) | test acc. (WB / sk) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    lr = collections.defaultdict(dict)
    for r in rows:
        if r["task"] == "logreg":
            cell = lr[(r["data"], r["threads"])]
            side = "sk" if r["engine"].startswith("sklearn") else "wb"
            if side not in cell or r["fit_seconds"] < cell[side]["fit_seconds"]:
                cell[side] = r
    for (data, t), e in sorted(lr.items()):
        if "wb" in e and "sk" in e:
            w, s = e["wb"], e["sk"]
            print(f"| {data} | {t} | {w['fit_seconds']:.4f} | {s['fit_seconds']:.4f} | {s['fit_seconds'] / w['fit_seconds']:.2f}x | "
                  f"{w['iterations']} / {s['iterations']} | {w['test_accuracy']:.4f} / {s['test_accuracy']:.4f} |")


main(sys.argv[1])
