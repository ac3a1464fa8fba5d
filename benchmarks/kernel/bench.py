"""Kernel startup and round trip, Workbench's C# kernel next to Debian's ipykernel, both started the same way
(jupyter_client's KernelManager, from the kernelspec's argv) on the same machine, alternating in rounds.

Figures per kernel:
  info_ms    process start (KernelManager.start_kernel) to the first kernel_info_reply
  result_ms  process start to the execute_result of `1+1` sent right after that reply
  rt_*       per-request round trip of a trivial cell (`1`): execute_request sent -> reply and idle received,
             after 20 warm-up requests; median and 95th percentile of ROUND_TRIPS requests

Usage: /usr/bin/python3 bench.py [ROUNDS] [ROUND_TRIPS]   (JUPYTER_PATH must make KERNEL findable; run.sh does it)
"""
import json
import os
import statistics
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
ROUND_TRIPS = int(sys.argv[2]) if len(sys.argv) > 2 else 200
KERNELS = {"workbench": os.environ.get("WORKBENCH_KERNEL_NAME", "workbench-csharp"), "ipykernel": "python3"}


def wait_reply(kc, msg_id, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_idle(kc, msg_id, want_result=False, timeout=60):
    deadline = time.monotonic() + timeout
    result_at = None
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result" and result_at is None:
            result_at = time.perf_counter()
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return result_at


def startup(kernel_name):
    km = KernelManager(kernel_name=kernel_name)
    started = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    # Ask until answered, as wait_for_ready does, but without its 1 s sleeps between attempts.
    while True:
        msg_id = kc.kernel_info()
        try:
            msg = kc.get_shell_msg(timeout=0.05)
        except Empty:
            continue
        if msg["msg_type"] == "kernel_info_reply":
            info_at = time.perf_counter()
            break
    # Drain the IOPub messages of the kernel_info requests so far.
    while True:
        try:
            kc.get_iopub_msg(timeout=0.2)
        except Empty:
            break
    msg_id = kc.execute("1+1")
    result_at = wait_idle(kc, msg_id, want_result=True)
    wait_reply(kc, msg_id)
    return km, kc, (info_at - started) * 1000, (result_at - started) * 1000


def round_trips(kc, count):
    for _ in range(20):
        msg_id = kc.execute("1")
        wait_reply(kc, msg_id)
        wait_idle(kc, msg_id)
    times = []
    for _ in range(count):
        begin = time.perf_counter()
        msg_id = kc.execute("1")
        wait_reply(kc, msg_id)
        wait_idle(kc, msg_id)
        times.append((time.perf_counter() - begin) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main():
    rows = {name: [] for name in KERNELS}
    for round_ in range(ROUNDS):
        order = list(KERNELS.items()) if round_ % 2 == 0 else list(reversed(KERNELS.items()))
        for name, kernel_name in order:
            km, kc, info_ms, result_ms = startup(kernel_name)
            rt_median, rt_p95 = round_trips(kc, ROUND_TRIPS)
            kc.stop_channels()
            km.shutdown_kernel(now=False)
            rows[name].append({"info_ms": info_ms, "result_ms": result_ms, "rt_median_ms": rt_median, "rt_p95_ms": rt_p95})
            print(f"round {round_ + 1} {name:10s} info {info_ms:7.0f} ms  result {result_ms:7.0f} ms  round trip median {rt_median:6.2f} ms  p95 {rt_p95:6.2f} ms", flush=True)
    summary = {name: {key: statistics.median(r[key] for r in runs) for key in runs[0]} for name, runs in rows.items()}
    ratios = {key: statistics.median(w[key] / p[key] for w, p in zip(rows["workbench"], rows["ipykernel"])) for key in rows["workbench"][0]}
    print()
    print("| figure (median of %d rounds) | workbench | ipykernel | ratio workbench / ipykernel |" % ROUNDS)
    print("| --- | --- | --- | --- |")
    labels = {"info_ms": "process start to kernel_info_reply", "result_ms": "process start to execute_result of `1+1`", "rt_median_ms": "round trip, trivial cell, median", "rt_p95_ms": "round trip, trivial cell, 95th percentile"}
    for key, label in labels.items():
        print(f"| {label} | {summary['workbench'][key]:.1f} ms | {summary['ipykernel'][key]:.1f} ms | **{ratios[key]:.2f}** |")
    print(json.dumps({"summary": summary, "ratios": ratios}))


if __name__ == "__main__":
    main()
