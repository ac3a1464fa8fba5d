"""Writes the benchmark notebooks: N trivial cells (`1 + 1`) in C# for Workbench and in Python for Jupyter's
python3 kernel, so both headless runners do the same work per cell."""
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

CSHARP = {
    "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
    "language_info": {"name": "C#"},
}
PYTHON = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def write(path, metadata, cells):
    notebook = new_notebook(metadata=metadata, cells=[new_code_cell("1 + 1") for _ in range(cells)])
    nbformat.write(notebook, path)


folder = sys.argv[1]
for cells in (1, 200):
    write(f"{folder}/cs-{cells}.ipynb", CSHARP, cells)
    write(f"{folder}/py-{cells}.ipynb", PYTHON, cells)
