"""Shared helpers for the protocol and resilience tests: start the installed kernel, run cells, read raw frames."""
import os
import re
import time

from jupyter_client.manager import KernelManager

KERNEL_NAME = os.environ.get("WORKBENCH_KERNEL_NAME", "workbench-csharp")
TIMEOUT = 60

# ISO 8601 with an explicit timezone and at most 6 fractional digits.
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})$")


def start_kernel(log_path=None):
    """A started kernel and a ready client; the kernel's stderr goes to log_path when given."""
    km = KernelManager(kernel_name=KERNEL_NAME)
    kwargs = {}
    if log_path:
        kwargs["stderr"] = open(log_path, "w")
    km.start_kernel(**kwargs)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc


def stop_kernel(km, kc):
    try:
        kc.stop_channels()
    finally:
        if km.is_alive():
            km.shutdown_kernel(now=True)


def kernel_pid(km):
    provisioner = getattr(km, "provisioner", None)
    process = getattr(provisioner, "process", None) if provisioner else None
    return (process or km.kernel).pid


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError(f"no VmRSS for {pid}")


def collect(kc, msg_id, timeout=TIMEOUT):
    """IOPub messages of one request, from busy to idle, then its shell reply."""
    messages = []
    deadline = time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
    return reply, messages


def execute(kc, code, timeout=TIMEOUT, **kwargs):
    msg_id = kc.execute(code, **kwargs)
    return collect(kc, msg_id, timeout)


def outputs(messages, msg_type=None):
    return [m for m in messages if m["msg_type"] not in ("status", "execute_input") and (msg_type is None or m["msg_type"] == msg_type)]


def stdout(messages):
    return "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def result_text(messages):
    results = [m for m in messages if m["msg_type"] == "execute_result"]
    return results[-1]["content"]["data"]["text/plain"] if results else None
