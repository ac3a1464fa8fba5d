"""Resilience: a throwing cell, a 2 GB allocation dropped, 1,000 executions in a row (memory reported every 100),
and a crashing kernel process reported by nbclient as a dead kernel rather than a hang."""
import os
import tempfile
import time
import unittest

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from kernel_support import KERNEL_NAME, execute, kernel_pid, result_text, rss_mb, start_kernel, stop_kernel

COLLECT = "GC.Collect(); GC.WaitForPendingFinalizers(); System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce; GC.Collect();"


class KernelResilienceTests(unittest.TestCase):
    def setUp(self):
        self.km, self.kc = start_kernel()
        self.pid = kernel_pid(self.km)

    def tearDown(self):
        stop_kernel(self.km, self.kc)

    def settled_rss(self):
        reply, _ = execute(self.kc, COLLECT, store_history=False)
        self.assertEqual(reply["content"]["status"], "ok")
        time.sleep(0.2)
        return rss_mb(self.pid)

    def test_two_gigabytes_allocated_and_dropped_are_given_back(self):
        execute(self.kc, "var warm = Enumerable.Range(0, 10).Sum();")
        baseline = self.settled_rss()
        peaks = []
        afters = []
        for round_ in range(3):
            reply, _ = execute(self.kc, "var big = new byte[2_000_000_000]; big.AsSpan().Fill(1); var peak = Environment.WorkingSet; big = null;")
            self.assertEqual(reply["content"]["status"], "ok", reply["content"])
            peaks.append(float(result_text(execute(self.kc, "peak / 1048576.0")[1])))
            afters.append(self.settled_rss())
        print(f"2 GB cell: baseline {baseline:.0f} MB, peak {[round(p) for p in peaks]} MB, after GC {[round(a) for a in afters]} MB")
        self.assertGreater(min(peaks), baseline + 1800, "the cell did not really touch 2 GB")
        for after in afters:
            self.assertLess(after, baseline + 300, "the dropped 2 GB stayed resident")
        self.assertLess(afters[-1], afters[0] + 100, "each round kept more memory")

    def test_thousand_executions_without_leaking(self):
        samples = {}
        for i in range(1, 1001):
            reply, messages = execute(self.kc, f"var value{i % 10} = {i}; value{i % 10} * 2")
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertEqual(result_text(messages), str(i * 2))
            if i % 100 == 0:
                samples[i] = self.settled_rss()
                print(f"executions={i} rss_mb={samples[i]:.1f}")
        per_execution_kb = (samples[1000] - samples[200]) * 1024 / 800
        print(f"growth from 200 to 1000 executions: {samples[1000] - samples[200]:.1f} MB ({per_execution_kb:.1f} KB per execution)")
        # Each cell keeps its compiled submission (assembly and symbols): about 110 KB. Before continuation
        # submissions stopped repeating the reference list, growth was quadratic: 5.8 MB per cell by the 1,000th.
        self.assertLess(per_execution_kb, 300, "memory grows by more than 300 KB per trivial execution")

    def test_a_crashing_kernel_is_reported_dead_not_hung(self):
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "C# (Workbench)", "language": "C#"}
        notebook.cells = [nbformat.v4.new_code_cell("1 + 1"), nbformat.v4.new_code_cell('Environment.FailFast("crash test");'), nbformat.v4.new_code_cell("2 + 2")]
        client = NotebookClient(notebook, timeout=120, kernel_name=KERNEL_NAME, resources={"metadata": {"path": tempfile.gettempdir()}})
        started = time.monotonic()
        with self.assertRaises(DeadKernelError):
            client.execute()
        elapsed = time.monotonic() - started
        print(f"nbclient reported the dead kernel after {elapsed:.1f} s")
        self.assertLess(elapsed, 60, "nbclient waited for the cell timeout instead of noticing the dead kernel")
        self.assertEqual(notebook.cells[0].outputs[0]["data"]["text/plain"], "2")


if __name__ == "__main__":
    unittest.main()
