"""Turns hyperfine's JSON into the figures the README reports: time to the first cell's result, per-cell
overhead, and the ratios against Jupyter's nbconvert + python3 kernel run in the same script."""
import json
import sys

results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
inside = json.load(open(sys.argv[2]))


def mean(name):
    return results[name]["mean"]


def stddev(name):
    return results[name]["stddev"] or 0.0


wb1, wb200 = mean("workbench-1"), mean("workbench-200")
py1, py200 = mean("nbconvert-1"), mean("nbconvert-200")
wb_cell = (wb200 - wb1) / 199
py_cell = (py200 - py1) / 199
print(f"workbench notebook run, 1 cell (process start to exit):   {wb1 * 1000:8.0f} ms ± {stddev('workbench-1') * 1000:.0f}")
print(f"jupyter nbconvert --execute, 1 cell:                      {py1 * 1000:8.0f} ms ± {stddev('nbconvert-1') * 1000:.0f}")
print(f"  ratio workbench / nbconvert (1 cell):                   {wb1 / py1:8.2f}")
print(f"per-cell overhead, workbench ((200 cells - 1 cell) / 199): {wb_cell * 1000:8.2f} ms")
print(f"per-cell overhead, nbconvert + python3 kernel:            {py_cell * 1000:8.2f} ms")
print(f"  ratio workbench / nbconvert (per cell):                 {wb_cell / py_cell:8.2f}")
print(f"command start to the first cell's result (median of 5):   {inside['command_to_first_result_ms']:8.0f} ms")
print(f"runner's own record, run start to first cell's result:    {inside['first_result_ms']:8.0f} ms")
print(f"runner's own record, first cell alone (cold compile):     {inside['first_cell_ms']:8.0f} ms")
print(f"runner's own record, mean of cells 2..200:                {inside['later_cell_ms']:8.2f} ms")
