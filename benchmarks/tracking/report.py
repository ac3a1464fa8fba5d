"""Summarises run.sh's output folder: medians over alternating rounds, and the ratios."""
import json
import os
import statistics
import sys

out = sys.argv[1]


def lines(name):
    with open(os.path.join(out, name)) as f:
        return [json.loads(line) for line in f if line.strip()]


ours = [r["median_rate"] for r in lines("throughput.jsonl")]
peer = [r["sqlite_rows_per_second"] for r in lines("peer.jsonl")]
ratios = [o / p for o, p in zip(ours, peer)]
with open(os.path.join(out, "overhead.json")) as f:
    overhead = json.load(f)
with open(os.path.join(out, "torch.json")) as f:
    torch = json.load(f)

print(f"rounds: {len(ours)} (Workbench and peer alternate)")
print(f"metrics logged per second, LogMetric ... Flush (median of rounds): {statistics.median(ours):,.0f}  (target > 200,000)")
print(f"python sqlite3 executemany, same rows, schema and pragmas (median): {statistics.median(peer):,.0f}")
print(f"ratio Workbench / python sqlite3 (median of per-round ratios): {statistics.median(ratios):.2f}  (rounds: {', '.join(f'{r:.2f}' for r in ratios)})")
step = overhead["step_ms"]
print(f"synthetic digits-MLP step (64-128-10, batch 64, 1 thread): {step:.3f} ms; PyTorch, same MLP, 1 thread: "
      + (f"{torch['torch_mlp_step_ms']:.3f} ms" if torch.get("torch_mlp_step_ms") else "n/a"))
q1, q3 = overhead["batched_overhead_percent_quartiles"]
print(f"cost of logging 3 metrics per step through the batching API: {overhead['batched_overhead_percent']:+.2f} % of step time "
      f"(quartiles {q1:+.2f} % .. {q3:+.2f} %, {overhead['rounds']} interleaved rounds; target < 2 %)")
print(f"same metrics written synchronously each step: {overhead['synchronous_overhead_percent']:+.1f} %")
print(f"one LogMetric call on the training thread: {overhead['log_metric_call_ns']:.0f} ns -> 3 per step = "
      f"{overhead['training_thread_percent']:.2f} % of step time (the cost when the writer has a core of its own)")
ours_rate = statistics.median(ours)
bound = 100 * (3 * overhead["log_metric_call_ns"] + 3 * 1e9 / ours_rate) / (step * 1e6)
print(f"bound if the writer shares the training thread's core (3 calls + writing 3 points at the measured rate): {bound:.2f} % of step time")
training_path = os.path.join(out, "training.json")
if os.path.exists(training_path):
    with open(training_path) as f:
        t = json.load(f)
    w1, w3 = t["overhead_percent_quartiles"]
    c1, c3 = t["cpu_overhead_percent_quartiles"]
    print(f"digits MLP ({t['model']}), {t['rows']} rows, {t['epochs']} epochs = {t['steps_per_fit']} steps per fit, "
          f"logging every step through TrackingCallback ({t['points_per_fit']} points per fit, all stored by the final Flush on the training thread):")
    print(f"  step time without logging: {t['step_ms']:.3f} ms; fit {t['plain_fit_ms']:.0f} ms wall, {t['plain_fit_cpu_ms']:.0f} ms CPU")
    print(f"  added to the fit, median of {t['rounds']} interleaved rounds: {t['overhead_percent']:+.2f} % wall (quartiles {w1:+.2f} % .. {w3:+.2f} %), "
          f"{t['cpu_overhead_percent']:+.2f} % process CPU time (quartiles {c1:+.2f} % .. {c3:+.2f} %); target < 2 %")
    print(f"  the parts, timed inside {t['parts_fits']} fits: callback {t['callback_ns_per_step']:.0f} ns per step ({t['callback_calls_ms_per_fit']:.2f} ms per fit), "
          f"start/end parameter and tag writes {t['start_end_writes_ms_per_fit']:.2f} ms, storing every point {t['store_ms_per_fit']:.2f} ms: "
          f"{t['parts_percent_of_fit']:.2f} % of the fit")
    print(f"  allocated per step: {t['allocated_bytes_per_step_plain']:.0f} B without logging, {t['allocated_bytes_per_step_logged']:.0f} B with")
with open("/proc/loadavg") as f:
    print(f"machine: {os.cpu_count()} cores, load average at the end {f.read().split()[0]}")
