"""Turns run.sh's wrk results into results/<UTC stamp>.{json,md} and results/latest.{json,md}.

usage: summarize.py RUNS_JSONL RESULTS_DIR [--duration S] [--warmup S] [--rounds N] [--server-cpu C] [--wrk-cpu C]
                    [--gunicorn-workers N] [--model REF] [--agreement FILE] [--checks FILE] [--notes TEXT]

Per cell (server, body rows, connections): the median over rounds of requests/s, p50 and p99 latency, and server CPU
time per request; non-2xx answers and socket errors summed. Ratios are Workbench's figure over the peer's, per cell.
The targets (issue 8) are judged on the medians at 16 connections, for each body: throughput >= 10x Flask + gunicorn,
p99 < 5 ms, throughput >= half the constant endpoint's; the other connection counts are reported beside them. Exits 3 when any answer was not 2xx.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

SERVERS = {
    "workbench": "Workbench (`workbench serve`)",
    "flask": "Flask + gunicorn",
    "fastapi": "FastAPI + uvicorn",
    "constant": "Kestrel constant (ceiling)",
}
PEERS = ("flask", "fastapi", "constant")


def command_output(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def python_versions():
    versions = {"python": platform.python_version()}
    for module in ("flask", "gunicorn", "fastapi", "uvicorn", "sklearn", "numpy", "uvloop", "httptools"):
        try:
            versions[module] = getattr(__import__(module), "__version__", "installed")
        except ImportError:
            versions[module] = "not installed"
    return versions


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    memory_kb = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "load_avg_at_end": open("/proc/loadavg").read().split()[:3],
        "dotnet": command_output("dotnet", "--version"),
        "wrk": command_output("sh", "-c", "wrk --version 2>&1 | head -1").split(" Copyright")[0],
        "git_commit": command_output("git", "-C", os.path.dirname(os.path.abspath(__file__)), "rev-parse", "--short", "HEAD"),
        **python_versions(),
    }


def aggregate(runs):
    cells = {}
    for run in runs:
        cells.setdefault((run["server"], run["rows"], run["connections"]), []).append(run)
    aggregated = []
    for (server, rows, connections), group in sorted(cells.items(), key=lambda kv: (kv[0][1], kv[0][2], list(SERVERS).index(kv[0][0]))):
        wrk = [r["wrk"] for r in group]
        aggregated.append({
            "server": server,
            "rows": rows,
            "connections": connections,
            "rounds": len(group),
            "requests_per_s": statistics.median(w["requests_per_s"] for w in wrk),
            "p50_ms": statistics.median(w["latency_us"]["p50"] for w in wrk) / 1000,
            "p99_ms": statistics.median(w["latency_us"]["p99"] for w in wrk) / 1000,
            "server_cpu_us_per_request": statistics.median(
                r["server_cpu_s"] * 1e6 / r["wrk"]["requests"] if r["wrk"]["requests"] else float("nan") for r in group),
            "requests": sum(w["requests"] for w in wrk),
            "non2xx": sum(w["non2xx"] for w in wrk),
            "socket_errors": sum(sum(w["socket_errors"].values()) for w in wrk),
            "load_avg": [r["load_avg"] for r in group],
        })
    return aggregated


def ratios(cells):
    by_key = {(c["server"], c["rows"], c["connections"]): c for c in cells}
    out = []
    for c in cells:
        if c["server"] != "workbench":
            continue
        entry = {"rows": c["rows"], "connections": c["connections"]}
        for peer in PEERS:
            other = by_key.get((peer, c["rows"], c["connections"]))
            if other:
                entry[f"throughput_vs_{peer}"] = c["requests_per_s"] / other["requests_per_s"]
                entry[f"p99_vs_{peer}"] = c["p99_ms"] / other["p99_ms"] if other["p99_ms"] else None
                entry[f"cpu_per_request_{peer}_over_workbench"] = other["server_cpu_us_per_request"] / c["server_cpu_us_per_request"]
        out.append(entry)
    return out


def targets(cells, ratio_rows):
    workbench = [c for c in cells if c["server"] == "workbench"]
    if not workbench:
        return {"judged": False, "why": "no Workbench results"}

    def judge(values, ok):
        met = all(ok(v) for _, v in values) if values else None
        return {"met": met, "cells": [{"cell": k, "value": v, "met": ok(v)} for k, v in values]}

    # The issue states the targets at 16 connections; the other connection counts are reported, not judged.
    label = lambda r: f"{r['rows']}-row, {r['connections']} conn"  # noqa: E731
    at16 = [r for r in ratio_rows if r["connections"] == 16]
    elsewhere = [r for r in ratio_rows if r["connections"] != 16]
    return {
        "judged": True,
        "throughput_10x_flask": judge([(label(r), r["throughput_vs_flask"]) for r in at16 if "throughput_vs_flask" in r], lambda v: v >= 10),
        "p99_under_5ms_at_16": judge([(label(c), c["p99_ms"]) for c in workbench if c["connections"] == 16], lambda v: v < 5),
        "within_2x_of_constant": judge([(label(r), r["throughput_vs_constant"]) for r in at16 if "throughput_vs_constant" in r], lambda v: v >= 0.5),
        "zero_non2xx": judge([(f"{c['server']} {label(c)}", c["non2xx"] + c["socket_errors"]) for c in cells], lambda v: v == 0),
        "elsewhere": [{"cell": label(r), "vs_flask": r.get("throughput_vs_flask"), "vs_constant": r.get("throughput_vs_constant")} for r in elsewhere],
    }


def fmt(value, digits=2):
    return "-" if value is None else f"{value:,.{digits}f}"


def markdown(report):
    meta, settings = report["machine"], report["settings"]
    lines = [
        f"# Serving benchmark, {report['utc']}",
        "",
        f"Machine: {meta['nproc']} cores ({meta['cpu_model']}), {meta['memory_gib']} GiB, kernel {meta['kernel']}; "
        f"load average at the end {' '.join(meta['load_avg_at_end'])}. .NET {meta['dotnet']}, Python {meta['python']}, "
        f"Flask {meta['flask']}, gunicorn {meta['gunicorn']}, FastAPI {meta['fastapi']}, uvicorn {meta['uvicorn']} "
        f"(uvloop {meta['uvloop']}, httptools {meta['httptools']}), scikit-learn {meta['sklearn']}, {meta['wrk']}; commit {meta['git_commit']}.",
        "",
        f"Servers on CPU {settings['server_cpu']}, wrk (1 thread) on CPU {settings['wrk_cpu']}; {settings['duration_s']} s per run after a "
        f"{settings['warmup_s']} s warm-up, {settings['rounds']} round(s), medians over rounds; gunicorn {settings['gunicorn_workers']} sync workers, "
        f"uvicorn 1 worker. Workbench model: `{settings['model']}`.",
        "",
        f"Models agree before serving: {report['agreement']}.",
    ]
    for check in report["checks"]:
        lines.append(f"- {check}")
    for note in report["notes"]:
        lines.append(f"- {note}")
    for rows in sorted({c["rows"] for c in report["cells"]}):
        lines += ["", f"## {rows}-row bodies", "",
                  "| server | connections | requests/s | p50 (ms) | p99 (ms) | server CPU per request (us) | non-2xx | socket errors |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for c in (c for c in report["cells"] if c["rows"] == rows):
            lines.append(f"| {SERVERS[c['server']]} | {c['connections']} | {fmt(c['requests_per_s'], 0)} | {fmt(c['p50_ms'])} | "
                         f"{fmt(c['p99_ms'])} | {fmt(c['server_cpu_us_per_request'], 0)} | {c['non2xx']} | {c['socket_errors']} |")
    if report["ratios"]:
        lines += ["", "## Workbench over each peer (throughput ratio; CPU per request, peer over Workbench)", "",
                  "| body | connections | / Flask + gunicorn | / FastAPI + uvicorn | / constant | CPU: Flask / Workbench | CPU: FastAPI / Workbench |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for r in report["ratios"]:
            times = lambda key, digits=2: "-" if r.get(key) is None else f"{fmt(r[key], digits)}x"  # noqa: E731
            lines.append(f"| {r['rows']} | {r['connections']} | {times('throughput_vs_flask')} | {times('throughput_vs_fastapi')} | "
                         f"{times('throughput_vs_constant')} | {times('cpu_per_request_flask_over_workbench', 1)} | "
                         f"{times('cpu_per_request_fastapi_over_workbench', 1)} |")
    lines += ["", "## Targets", ""]
    t = report["targets"]
    if not t["judged"]:
        lines.append(f"Not judged: {t['why']}.")
    else:
        names = {"throughput_10x_flask": ">= 10x Flask + gunicorn throughput at 16 connections (each body)",
                 "p99_under_5ms_at_16": "p99 < 5 ms at 16 connections",
                 "within_2x_of_constant": "within 2x of the constant endpoint at 16 connections (each body)",
                 "zero_non2xx": "every answer 2xx, no socket errors (every server, every cell)"}
        for key, name in names.items():
            verdict = t[key]
            failing = [f"{c['cell']} ({fmt(c['value'])})" for c in verdict["cells"] if not c["met"]]
            state = "not judged (no cell for it in this run)" if verdict["met"] is None else "met" if verdict["met"] else "not met"
            lines.append(f"- {name}: **{state}**" + (f"; short in {', '.join(failing)}" if failing else ""))
        if t["elsewhere"]:
            others = "; ".join(f"{e['cell']}: {fmt(e['vs_flask'])}x Flask, {fmt(e['vs_constant'])}x constant" for e in t["elsewhere"])
            lines.append(f"- not judged (other connection counts): {others}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("runs")
    parser.add_argument("results")
    parser.add_argument("--duration", type=float, default=0)
    parser.add_argument("--warmup", type=float, default=0)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--server-cpu", default="")
    parser.add_argument("--wrk-cpu", default="")
    parser.add_argument("--gunicorn-workers", type=int, default=0)
    parser.add_argument("--model", default="")
    parser.add_argument("--agreement", default="")
    parser.add_argument("--checks", default="")
    parser.add_argument("--notes", default="")
    args = parser.parse_args()

    runs = [json.loads(line) for line in open(args.runs) if line.strip()]
    cells = aggregate(runs)
    ratio_rows = ratios(cells)
    utc = datetime.datetime.now(datetime.timezone.utc)
    agreement = json.load(open(args.agreement)) if args.agreement and os.path.exists(args.agreement) else None
    report = {
        "utc": utc.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "settings": {"duration_s": args.duration, "warmup_s": args.warmup, "rounds": args.rounds, "server_cpu": args.server_cpu,
                     "wrk_cpu": args.wrk_cpu, "gunicorn_workers": args.gunicorn_workers, "model": args.model},
        "agreement": (f"{agreement['label_mismatches']} label differences over {agreement['rows']} rows, "
                      f"largest P(malignant) difference {agreement['max_abs_probability_difference']:.1e}") if agreement else "not checked",
        "checks": [line.strip() for line in open(args.checks)] if args.checks and os.path.exists(args.checks) else [],
        "notes": [n for n in args.notes.split(";") if n],
        "cells": cells,
        "ratios": ratio_rows,
        "targets": targets(cells, ratio_rows),
        "runs": runs,
    }
    os.makedirs(args.results, exist_ok=True)
    stamp = utc.strftime("%Y%m%dT%H%M%SZ")
    text = markdown(report)
    for name in (stamp, "latest"):
        with open(os.path.join(args.results, f"{name}.json.part"), "w") as f:
            json.dump(report, f, indent=2)
        os.replace(os.path.join(args.results, f"{name}.json.part"), os.path.join(args.results, f"{name}.json"))
        with open(os.path.join(args.results, f"{name}.md.part"), "w") as f:
            f.write(text)
        os.replace(os.path.join(args.results, f"{name}.md.part"), os.path.join(args.results, f"{name}.md"))
    sys.stdout.write(text)
    print(f"\nwritten: {os.path.join(args.results, stamp)}.{{json,md}} and latest.{{json,md}}")
    if report["targets"].get("zero_non2xx", {}).get("met") is False:
        print("some answers were not 2xx (or sockets failed): the figures of those cells are not valid", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
