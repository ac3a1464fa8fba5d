"""Reads a notebook executed by `workbench notebook run` and reports, from its run record: the time from the
command's start (a Unix time passed by the caller) to the end of the first cell, the same from the runner's own
start, the first cell's duration, and the mean duration of the later cells."""
import json
import sys
from datetime import datetime, timezone


def parse(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


notebook = json.load(open(sys.argv[1]))
start = parse(notebook["metadata"]["papermill"]["start_time"])
cells = [c["metadata"]["papermill"] for c in notebook["cells"] if c["cell_type"] == "code"]
first_end = parse(cells[0]["end_time"])
later = [c["duration"] for c in cells[1:]]
command_started = datetime.fromtimestamp(float(sys.argv[2]), timezone.utc)
json.dump({
    "command_to_first_result_ms": (first_end - command_started).total_seconds() * 1000,
    "first_result_ms": (first_end - start).total_seconds() * 1000,
    "first_cell_ms": cells[0]["duration"] * 1000,
    "later_cell_ms": 1000 * sum(later) / len(later),
}, sys.stdout)
