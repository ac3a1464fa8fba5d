"""Jupyter's kernel conformance suite (Debian's python3-jupyter-kernel-test 0.4.5) against the Workbench C# kernel.

Every attribute of jupyter_kernel_test.KernelTests is filled, so no test of the suite is skipped. The kernel comes
from the kernelspec named by WORKBENCH_KERNEL_NAME (the xunit harness installs it into a temporary prefix and points
JUPYTER_PATH there).
"""
import os
import unittest

import jupyter_kernel_test


class WorkbenchKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("WORKBENCH_KERNEL_NAME", "workbench-csharp")

    language_name = "C#"
    file_extension = ".cs"

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("something went wrong");'

    completion_samples = [
        {"text": "Console.Writ", "matches": {"Write", "WriteLine"}},
        {"text": "var zebraCount = 3;\nzebraC", "matches": {"zebraCount"}},
        {"text": '"text".ToUpperInv', "matches": {"ToUpperInvariant"}},
        {"text": "System.Collections.Gen", "matches": {"Generic"}},
        {"text": "#!ti", "matches": {"#!time"}},
    ]

    complete_code_samples = ["1 + 1", "var x = 1;", 'Console.WriteLine("hi");', "if (true) { }", "#!time\n1 + 1", "record Point(int X, int Y);"]
    incomplete_code_samples = ["if (true) {", "Console.WriteLine(", "int[] values = [1, 2,", "class Point {\n    public int X;", "for (var i = 0; i < 3; i++)"]
    invalid_code_samples = ["var x = ;", "}", "int 5x = 3;"]

    code_page_something = "Console.WriteLine?"

    code_generate_error = 'throw new InvalidOperationException("boom");'

    code_execute_result = [
        {"code": "1 + 2 + 3", "result": "6"},
        {"code": '"hello".ToUpper()', "result": "HELLO"},
        {"code": 'HTML("<b>bold</b>")', "mime": "text/html", "result": "<b>bold</b>"},
    ]

    code_display_data = [
        {"code": 'display(HTML("<b>shown</b>"));', "mime": "text/html"},
        {"code": 'display("plain text");', "mime": "text/plain"},
        {"code": 'display(SVG("<svg xmlns=\\"http://www.w3.org/2000/svg\\" width=\\"4\\" height=\\"4\\"></svg>"));', "mime": "image/svg+xml"},
    ]

    code_history_pattern = "1 + 2*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Console.WriteLine"

    code_clear_output = 'Console.WriteLine("before"); ClearOutput();'


if __name__ == "__main__":
    unittest.main()
