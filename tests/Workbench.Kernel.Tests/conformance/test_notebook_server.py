"""The kernel behind Debian's classic Jupyter Notebook server (jupyter-notebook 6), driven the way its browser front
end drives it: REST to create a notebook and a session, then a websocket to the kernel's channels."""
import json
import os
import socket
import subprocess
import tempfile
import time
import unittest
import uuid

import nbformat
from tornado import gen, httpclient, ioloop, websocket

from kernel_support import KERNEL_NAME


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NotebookServerTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="wb-notebook-server-")
        cls.port = free_port()
        cls.token = uuid.uuid4().hex
        cls.log = open(os.path.join(cls.folder, "server.log"), "w")
        cls.server = subprocess.Popen(
            ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={cls.port}",
             f"--NotebookApp.token={cls.token}", f"--notebook-dir={cls.folder}", "--NotebookApp.open_browser=False"],
            stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", cls.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("jupyter-notebook did not start listening")

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=30)
        cls.log.close()

    def test_a_cell_runs_through_rest_and_websocket(self):
        messages = ioloop.IOLoop.current().run_sync(self.run_cell, timeout=120)
        types = [m["msg_type"] for m in messages]
        self.assertEqual(types[0], "status")
        self.assertIn("execute_input", types)
        self.assertIn("execute_reply", types)
        stream = [m for m in messages if m["msg_type"] == "stream"]
        self.assertEqual(stream[0]["content"]["text"], "Hello from cardiology\n")
        result = [m for m in messages if m["msg_type"] == "execute_result"]
        self.assertEqual(result[0]["content"]["data"]["text/plain"], "15")
        reply = [m for m in messages if m["msg_type"] == "execute_reply"][0]
        self.assertEqual(reply["content"]["status"], "ok")

    async def run_cell(self):
        base = f"http://127.0.0.1:{self.port}"
        headers = {"Authorization": f"token {self.token}", "Content-Type": "application/json"}
        http = httpclient.AsyncHTTPClient()
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "C# (Workbench)", "language": "C#"}
        code = 'var ward = "cardiology";\nConsole.WriteLine($"Hello from {ward}");\nEnumerable.Range(1, 5).Sum()'
        notebook.cells = [nbformat.v4.new_code_cell(code)]
        await http.fetch(f"{base}/api/contents/check.ipynb", method="PUT", headers=headers, body=json.dumps({"type": "notebook", "content": notebook}))
        response = await http.fetch(f"{base}/api/sessions", method="POST", headers=headers,
                                    body=json.dumps({"path": "check.ipynb", "type": "notebook", "name": "check.ipynb", "kernel": {"name": KERNEL_NAME}}))
        session = json.loads(response.body)
        kernel_id = session["kernel"]["id"]
        client_session = uuid.uuid4().hex
        ws = await websocket.websocket_connect(httpclient.HTTPRequest(
            f"ws://127.0.0.1:{self.port}/api/kernels/{kernel_id}/channels?session_id={client_session}", headers={"Authorization": f"token {self.token}"}))
        msg_id = uuid.uuid4().hex
        await ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": client_session, "msg_type": "execute_request", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
        received = []
        reply = idle = False
        while not (reply and idle):
            raw = await gen.with_timeout(ioloop.IOLoop.current().time() + 90, ws.read_message())
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            received.append(message)
            reply = reply or message["msg_type"] == "execute_reply"
            idle = idle or (message["msg_type"] == "status" and message["content"]["execution_state"] == "idle")
        ws.close()
        await http.fetch(f"{base}/api/sessions/{session['id']}", method="DELETE", headers=headers)
        return received


if __name__ == "__main__":
    unittest.main()
