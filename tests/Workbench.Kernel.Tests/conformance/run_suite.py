"""Runs one unittest module and writes a JSON report: one entry per test method with its outcome, the failure or
error text (subtest failures included), and what the test printed. Used by the xunit harness
(Jupyter/PythonSuite.cs) so that each Python test shows as its own xunit test."""
import io
import json
import sys
import traceback
import unittest
from contextlib import redirect_stdout


class RecordingResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.records = {}
        self._buffers = {}

    def _record(self, test):
        name = test.id().split(".")[-1] if not hasattr(test, "test_case") else test.test_case.id().split(".")[-1]
        return self.records.setdefault(name, {"outcome": "passed", "details": [], "output": ""})

    def startTest(self, test):
        super().startTest(test)
        self._record(test)
        buffer = io.StringIO()
        self._buffers[test.id()] = (buffer, redirect_stdout(buffer))
        self._buffers[test.id()][1].__enter__()

    def stopTest(self, test):
        buffer, redirect = self._buffers.pop(test.id())
        redirect.__exit__(None, None, None)
        self._record(test)["output"] += buffer.getvalue()
        sys.stdout.write(buffer.getvalue())
        super().stopTest(test)

    def _fail(self, test, err, outcome):
        record = self._record(test)
        if record["outcome"] == "passed" or outcome == "error":
            record["outcome"] = outcome
        record["details"].append(self._exc_info_to_string(err, test) if not isinstance(err, str) else err)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err, "failed")

    def addError(self, test, err):
        super().addError(test, err)
        self._fail(test, err, "error")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            outcome = "failed" if issubclass(err[0], test.failureException) else "error"
            if issubclass(err[0], unittest.SkipTest):
                outcome = "skipped"
            self._fail(test, f"{subtest.id()}:\n" + "".join(traceback.format_exception(*err)), outcome)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        record = self._record(test)
        record["outcome"] = "skipped"
        record["details"].append(f"skipped: {reason}")


def main():
    module, report = sys.argv[1], sys.argv[2]
    suite = unittest.defaultTestLoader.loadTestsFromName(module)
    result = RecordingResult()
    try:
        suite.run(result)
    except Exception:
        result.records["<suite>"] = {"outcome": "error", "details": [traceback.format_exc()], "output": ""}
    for test, err in result.errors:
        # setUpClass / module-level failures are reported against a placeholder test.
        if not hasattr(test, "_testMethodName"):
            result.records.setdefault("<setup>", {"outcome": "error", "details": [], "output": ""})["details"].append(err)
    with open(report, "w") as f:
        json.dump(result.records, f, indent=1)
    print(f"{sum(1 for r in result.records.values() if r['outcome'] == 'passed')} passed, "
          f"{sum(1 for r in result.records.values() if r['outcome'] != 'passed')} not passed")


if __name__ == "__main__":
    main()
