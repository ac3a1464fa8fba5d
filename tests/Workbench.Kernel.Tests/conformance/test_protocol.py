"""Protocol checks jupyter_kernel_test does not make: stop_on_error, interrupts, shutdown and restart,
update_display_data, signatures (forged, unsigned, replayed), busy/idle parents, header dates, silent and
store_history, user_expressions, stdin, comms, unknown messages. Real sockets, jupyter_client as the client."""
import json
import os
import signal
import tempfile
import time
import unittest
import uuid

import zmq
from jupyter_client.session import Session

from kernel_support import (DATE_PATTERN, TIMEOUT, collect, execute, kernel_pid, outputs, result_text,
                            start_kernel, stdout, stop_kernel)


class KernelProtocolTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="wb-protocol-")
        cls.log_path = os.path.join(cls.folder, "kernel.log")
        cls.km, cls.kc = start_kernel(cls.log_path)

    @classmethod
    def tearDownClass(cls):
        stop_kernel(cls.km, cls.kc)

    def setUp(self):
        if not self.km.is_alive():
            self.fail("the kernel died in an earlier test")
        self.drain()

    def drain(self):
        for get in (self.kc.get_iopub_msg, self.kc.get_shell_msg):
            while True:
                try:
                    get(timeout=0.2)
                except Exception:
                    break

    def marker(self, name):
        return os.path.join(self.folder, f"{name}-{uuid.uuid4().hex}")

    # --- execution -------------------------------------------------------------------------------------------

    def test_stop_on_error_aborts_queued_execute_requests(self):
        marker = self.marker("aborted")
        # The failing cell first waits, so the requests behind it are surely queued in the kernel when it fails
        # (like ipykernel with its default stop_on_error_timeout of 0, only what is queued then is aborted).
        failing = self.kc.execute('await Task.Delay(1500); throw new InvalidOperationException("first cell fails");')
        queued = [self.kc.execute(f'System.IO.File.AppendAllText(@"{marker}", "ran");') for _ in range(2)]
        reply, messages = collect(self.kc, failing)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "InvalidOperationException")
        for msg_id in queued:
            aborted, status = collect(self.kc, msg_id)
            self.assertEqual(aborted["content"]["status"], "aborted")
            self.assertEqual([m["content"]["execution_state"] for m in status if m["msg_type"] == "status"], ["busy", "idle"])
        self.assertFalse(os.path.exists(marker), "an aborted cell ran")
        # The abort covers only what was queued: the next request runs.
        reply, messages = execute(self.kc, "40 + 2")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(result_text(messages), "42")

    def test_stop_on_error_false_runs_the_next_cells(self):
        marker = self.marker("kept")
        failing = self.kc.execute('throw new Exception("tolerated");', stop_on_error=False)
        following = self.kc.execute(f'System.IO.File.AppendAllText(@"{marker}", "ran");')
        self.assertEqual(collect(self.kc, failing)[0]["content"]["status"], "error")
        self.assertEqual(collect(self.kc, following)[0]["content"]["status"], "ok")
        with open(marker) as f:
            self.assertEqual(f.read(), "ran")

    def test_interrupt_by_message_stops_an_endless_loop(self):
        msg_id = self.kc.execute("while (true) { }")
        self.wait_for_execute_input(msg_id)
        time.sleep(0.5)
        started = time.monotonic()
        self.km.interrupt_kernel()  # interrupt_mode "message": an interrupt_request on control
        reply = self.shell_reply(msg_id)
        elapsed = time.monotonic() - started
        print(f"interrupt by message: execute_reply {elapsed:.3f} s after interrupt_request")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertLess(elapsed, 2.0, "the loop did not stop within 1 s (2 s margin)")
        reply, messages = execute(self.kc, "1 + 1")
        self.assertEqual(result_text(messages), "2")

    def test_interrupt_by_sigint_stops_an_endless_loop(self):
        msg_id = self.kc.execute("var spins = 0L; while (true) { spins++; }")
        self.wait_for_execute_input(msg_id)
        time.sleep(0.5)
        started = time.monotonic()
        os.kill(kernel_pid(self.km), signal.SIGINT)
        reply = self.shell_reply(msg_id)
        elapsed = time.monotonic() - started
        print(f"interrupt by SIGINT: execute_reply {elapsed:.3f} s after the signal")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertLess(elapsed, 2.0)
        self.assertTrue(self.km.is_alive(), "SIGINT ended the kernel instead of interrupting the cell")

    def test_update_display_data_carries_the_display_id(self):
        reply, messages = execute(self.kc, 'var progress = display("step 1"); progress.Update("step 2");')
        shown = outputs(messages, "display_data")
        updated = outputs(messages, "update_display_data")
        self.assertEqual(len(shown), 1)
        self.assertEqual(len(updated), 1)
        display_id = shown[0]["content"]["transient"]["display_id"]
        self.assertTrue(display_id)
        self.assertEqual(updated[0]["content"]["transient"]["display_id"], display_id)
        self.assertEqual(updated[0]["content"]["data"]["text/plain"], "step 2")
        # A later cell updates the same output.
        reply, messages = execute(self.kc, 'progress.Update("done");')
        later = outputs(messages, "update_display_data")
        self.assertEqual(later[0]["content"]["transient"]["display_id"], display_id)
        self.assertEqual(later[0]["content"]["data"]["text/plain"], "done")

    def test_printed_lines_are_batched_in_order(self):
        reply, messages = execute(self.kc, 'for (var i = 0; i < 20000; i++) { Console.WriteLine(i); }\ndisplay("after the loop");\nConsole.Error.WriteLine("then stderr");')
        self.assertEqual(reply["content"]["status"], "ok")
        produced = outputs(messages)
        streams = [m for m in produced if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"]
        self.assertEqual("".join(m["content"]["text"] for m in streams), "".join(f"{i}\n" for i in range(20000)))
        self.assertLess(len(streams), 200, "20,000 lines should not be 20,000 messages")
        kinds = [m["msg_type"] if m["msg_type"] != "stream" else m["content"]["name"] for m in produced]
        last_stdout = max(i for i, k in enumerate(kinds) if k == "stdout")
        self.assertEqual(kinds[last_stdout + 1:], ["display_data", "stderr"])
        print(f"20,000 printed lines arrived in {len(streams)} stream messages")

    def test_silent_and_store_history_rules(self):
        reply, _ = execute(self.kc, "1")
        count = reply["content"]["execution_count"]
        reply, messages = execute(self.kc, 'Console.WriteLine("hidden"); 5', silent=True)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual([m["msg_type"] for m in messages], ["status", "status"], "silent must publish only busy/idle")
        self.assertEqual(reply["content"]["execution_count"], count)
        reply, messages = execute(self.kc, "6", store_history=False)
        self.assertEqual(reply["content"]["execution_count"], count)
        self.assertEqual(result_text(messages), "6")
        reply, messages = execute(self.kc, "7")
        self.assertEqual(reply["content"]["execution_count"], count + 1)
        inputs = [m for m in messages if m["msg_type"] == "execute_input"]
        self.assertEqual(inputs[0]["content"]["execution_count"], count + 1)

    def test_user_expressions_are_evaluated_after_the_cell(self):
        reply, _ = execute(self.kc, "var answer = 21;", user_expressions={"twice": "answer * 2", "broken": "nosuchname + 1"})
        expressions = reply["content"]["user_expressions"]
        self.assertEqual(expressions["twice"]["status"], "ok")
        self.assertEqual(expressions["twice"]["data"]["text/plain"], "42")
        self.assertEqual(expressions["broken"]["status"], "error")
        self.assertIn("nosuchname", expressions["broken"]["evalue"])
        # An expression leaves no variable behind.
        reply, messages = execute(self.kc, "answer")
        self.assertEqual(result_text(messages), "21")

    def test_console_readline_asks_the_frontend_when_stdin_is_allowed(self):
        msg_id = self.kc.execute('var who = Console.ReadLine(); Console.WriteLine($"hello {who}");', allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(request["msg_type"], "input_request")
        self.assertEqual(request["parent_header"]["msg_id"], msg_id)
        self.kc.input("Ada")
        reply, messages = collect(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIn("hello Ada", stdout(messages))

    def test_set_magic_input_asks_the_frontend(self):
        msg_id = self.kc.execute('#!set --name city --value @input:"Which city?"\nConsole.WriteLine(city);', allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(request["content"]["prompt"], "Which city?")
        self.kc.input("Lyon")
        reply, messages = collect(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIn("Lyon", stdout(messages))

    def test_interrupt_while_waiting_for_input(self):
        msg_id = self.kc.execute("var answer = Console.ReadLine();", allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(request["msg_type"], "input_request")
        self.km.interrupt_kernel()
        reply = self.shell_reply(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        reply, messages = execute(self.kc, "5 + 5")
        self.assertEqual(result_text(messages), "10")

    def test_readline_without_stdin_is_a_clear_error(self):
        reply, messages = execute(self.kc, "var line = Console.ReadLine();", allow_stdin=False)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("allow_stdin", reply["content"]["evalue"])

    def test_an_exception_leaves_state_intact(self):
        execute(self.kc, "var kept = 7;")
        reply, _ = execute(self.kc, 'throw new ArgumentException("bad");')
        self.assertEqual(reply["content"]["ename"], "ArgumentException")
        reply, messages = execute(self.kc, "kept * 6")
        self.assertEqual(result_text(messages), "42")

    # --- introspection ---------------------------------------------------------------------------------------

    def test_busy_idle_surround_every_request_with_its_parent_header(self):
        requests = {
            "kernel_info": lambda: self.kc.kernel_info(),
            "complete": lambda: self.kc.complete("Console.Wr"),
            "inspect": lambda: self.kc.inspect("Console.WriteLine", 17),
            "is_complete": lambda: self.kc.is_complete("if (x) {"),
            "history": lambda: self.kc.history(hist_access_type="tail", n=2),
            "comm_info": lambda: self.kc.comm_info(),
            "execute": lambda: self.kc.execute("1 + 1"),
        }
        for name, send in requests.items():
            with self.subTest(request=name):
                msg_id = send()
                reply, messages = collect(self.kc, msg_id)
                statuses = [m for m in messages if m["msg_type"] == "status"]
                self.assertEqual([s["content"]["execution_state"] for s in statuses], ["busy", "idle"])
                for status in statuses:
                    self.assertEqual(status["parent_header"]["msg_id"], msg_id)
                    self.assertEqual(status["parent_header"]["msg_type"], f"{name}_request")
                self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
                self.assertIn(reply["content"]["status"], ("ok", "incomplete"))

    def test_complete_reply_positions_and_types(self):
        self.kc.complete("var total = 0;\nMath.Ma", cursor_pos=len("var total = 0;\nMath.Ma"))
        content = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertEqual(set(content["matches"]), {"Max", "MaxMagnitude"})
        self.assertEqual(content["cursor_start"], len("var total = 0;\nMath."))
        self.assertEqual(content["cursor_end"], len("var total = 0;\nMath.Ma"))
        types = content["metadata"]["_jupyter_types_experimental"]
        self.assertTrue(all(t["type"] == "function" for t in types))
        # Cursor positions count code points: an emoji before the cursor must not shift the range.
        code = 'var label = "🙂"; label.Leng'
        self.kc.complete(code, cursor_pos=len(code))
        content = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertEqual(content["matches"], ["Length"])
        self.assertEqual(content["cursor_start"], len(code) - len("Leng"))

    def test_inspect_shows_signature_and_documentation(self):
        self.kc.inspect("Math.Sqrt(2)", cursor_pos=len("Math.Sq"))
        content = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertTrue(content["found"])
        text = content["data"]["text/plain"]
        self.assertIn("Math.Sqrt(double d)", text)
        self.assertIn("square root", text)
        execute(self.kc, "var patients = new List<string> { \"a\", \"b\" };")
        self.kc.inspect("patients", cursor_pos=3)
        content = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]
        self.assertIn("List<string>", content["data"]["text/plain"])
        self.kc.inspect("   ", cursor_pos=1)
        self.assertFalse(self.kc.get_shell_msg(timeout=TIMEOUT)["content"]["found"])

    def test_history_search_with_glob_and_unique(self):
        token = uuid.uuid4().hex[:8]
        for _ in range(3):
            execute(self.kc, f'"{token}-a"')
        execute(self.kc, f'"{token}-b"')
        self.kc.history(hist_access_type="search", pattern=f'"{token}-*', output=False, raw=True)
        found = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]["history"]
        self.assertEqual(len(found), 4)
        self.kc.history(hist_access_type="search", pattern=f'"{token}-*', unique=True, output=False, raw=True)
        unique = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]["history"]
        self.assertEqual([h[2] for h in unique], [f'"{token}-a"', f'"{token}-b"'])
        self.kc.history(hist_access_type="search", pattern=f'"{token}-?"', n=1, output=True, raw=True)
        last = self.kc.get_shell_msg(timeout=TIMEOUT)["content"]["history"]
        self.assertEqual(last[0][2], [f'"{token}-b"', f"{token}-b"])

    def test_comms_unknown_target_is_closed_and_comm_info_is_empty(self):
        comm_id = uuid.uuid4().hex
        msg = self.kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {}})
        self.kc.shell_channel.send(msg)
        closed = None
        deadline = time.time() + TIMEOUT
        while closed is None and time.time() < deadline:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["msg_type"] == "comm_close":
                closed = m
        self.assertEqual(closed["content"]["comm_id"], comm_id)
        self.kc.comm_info()
        self.assertEqual(self.kc.get_shell_msg(timeout=TIMEOUT)["content"]["comms"], {})

    def test_unknown_message_type_is_ignored(self):
        msg = self.kc.session.msg("no_such_request", {})
        self.kc.shell_channel.send(msg)
        time.sleep(0.5)
        self.assertTrue(self.km.is_alive())
        reply, messages = execute(self.kc, "3 * 3")
        self.assertEqual(result_text(messages), "9")
        with open(self.log_path) as log:
            self.assertIn("unknown message type 'no_such_request'", log.read())

    # --- wire level ------------------------------------------------------------------------------------------

    def raw_shell(self):
        info = self.km.get_connection_info()
        context = zmq.Context.instance()
        socket = context.socket(zmq.DEALER)
        socket.setsockopt(zmq.LINGER, 0)
        socket.connect(f"tcp://{info['ip']}:{info['shell_port']}")
        return socket, info

    def test_forged_unsigned_and_replayed_messages_are_rejected_and_never_run(self):
        socket, info = self.raw_shell()
        try:
            good = Session(key=info["key"] if isinstance(info["key"], bytes) else info["key"].encode(), signature_scheme=info["signature_scheme"])
            forged = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
            unsigned = Session(key=b"")
            for name, session in (("forged", forged), ("unsigned", unsigned)):
                marker = self.marker(name)
                session.send(socket, session.msg("execute_request", {"code": f'System.IO.File.WriteAllText(@"{marker}", "ran");', "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}))
                self.assertEqual(socket.poll(1500), 0, f"the kernel answered a {name} message")
                self.assertFalse(os.path.exists(marker), f"a {name} message was executed")

            # A tampered content frame under a valid signature.
            marker = self.marker("tampered")
            msg = good.msg("execute_request", {"code": "1", "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            frames = good.serialize(msg)
            frames[-1] = json.dumps({"code": f'System.IO.File.WriteAllText(@"{marker}", "ran");', "silent": False}).encode()
            socket.send_multipart(frames)
            self.assertEqual(socket.poll(1500), 0, "the kernel answered a tampered message")
            self.assertFalse(os.path.exists(marker))

            # The same signed frames twice: the first runs, the replay does not.
            marker = self.marker("replayed")
            msg = good.msg("execute_request", {"code": f'System.IO.File.AppendAllText(@"{marker}", "x");', "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            frames = good.serialize(msg)
            socket.send_multipart(frames)
            self.assertEqual(socket.poll(TIMEOUT * 1000), zmq.POLLIN)
            reply = good.deserialize(socket.recv_multipart()[1:])
            self.assertEqual(reply["content"]["status"], "ok")
            socket.send_multipart(frames)
            self.assertEqual(socket.poll(1500), 0, "the kernel answered a replayed message")
            with open(marker) as f:
                self.assertEqual(f.read(), "x")
        finally:
            socket.close()
        with open(self.log_path) as log:
            text = log.read()
        self.assertIn("invalid signature", text)
        self.assertIn("unsigned message", text)
        self.assertIn("replayed message", text)
        self.assertNotIn(info["key"] if isinstance(info["key"], str) else info["key"].decode(), text, "the key reached the log")

    def test_header_dates_are_iso8601_with_timezone_and_microseconds(self):
        info = self.km.get_connection_info()
        context = zmq.Context.instance()
        sub = context.socket(zmq.SUB)
        sub.setsockopt(zmq.LINGER, 0)
        sub.setsockopt(zmq.SUBSCRIBE, b"")
        sub.connect(f"tcp://{info['ip']}:{info['iopub_port']}")
        socket, _ = self.raw_shell()
        try:
            session = Session(key=info["key"] if isinstance(info["key"], bytes) else info["key"].encode(), signature_scheme=info["signature_scheme"])
            # A SUB socket misses what is published before its subscription arrives: ask kernel_info until IOPub
            # shows a status message, then start from a quiet socket.
            deadline = time.time() + 30
            while not sub.poll(200) and time.time() < deadline:
                session.send(socket, session.msg("kernel_info_request", {}))
            while sub.poll(500):
                sub.recv_multipart()
            while socket.poll(100):
                socket.recv_multipart()
            session.send(socket, session.msg("execute_request", {"code": 'Console.WriteLine("dated"); 1', "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}))
            self.assertEqual(socket.poll(TIMEOUT * 1000), zmq.POLLIN)
            frames = socket.recv_multipart()
            headers = [json.loads(frames[frames.index(b"<IDS|MSG>") + 2])]
            deadline = time.time() + 10
            while time.time() < deadline:
                if not sub.poll(1000):
                    break
                frames = sub.recv_multipart()
                header = json.loads(frames[frames.index(b"<IDS|MSG>") + 2])
                headers.append(header)
                if header["msg_type"] == "status" and json.loads(frames[frames.index(b"<IDS|MSG>") + 5]).get("execution_state") == "idle":
                    break
            self.assertGreaterEqual(len(headers), 4)
            for header in headers:
                self.assertRegex(header["date"], DATE_PATTERN)
                self.assertEqual(header["version"], "5.3")
        finally:
            socket.close()
            sub.close()

    # --- helpers ---------------------------------------------------------------------------------------------

    def wait_for_execute_input(self, msg_id):
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            m = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
                return
        self.fail("no execute_input")

    def shell_reply(self, msg_id):
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply


class KernelLifecycleTests(unittest.TestCase):
    def test_shutdown_request_ends_the_process_cleanly_even_while_a_cell_runs(self):
        km, kc = start_kernel()
        try:
            pid = kernel_pid(km)
            kc.execute("while (true) { }")
            time.sleep(1)
            msg_id = kc.shutdown()
            reply = kc.get_control_msg(timeout=TIMEOUT)
            self.assertEqual(reply["msg_type"], "shutdown_reply")
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"]["restart"], False)
            deadline = time.time() + 10
            while km.is_alive() and time.time() < deadline:
                time.sleep(0.1)
            self.assertFalse(km.is_alive(), "the kernel process did not exit after shutdown_request")
            process = km.provisioner.process if getattr(km, "provisioner", None) else km.kernel
            self.assertEqual(process.wait(timeout=5), 0)
            self.assertFalse(os.path.exists(f"/proc/{pid}/cmdline") and open(f"/proc/{pid}/cmdline").read(), "the kernel process is still there")
        finally:
            stop_kernel(km, kc)

    def test_restart_gives_a_fresh_kernel(self):
        km, kc = start_kernel()
        try:
            execute(kc, "var survivor = 1;")
            old_pid = kernel_pid(km)
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=TIMEOUT)
            self.assertNotEqual(kernel_pid(km), old_pid)
            reply, messages = execute(kc, "survivor")
            self.assertEqual(reply["content"]["status"], "error")
            self.assertIn("CS0103", reply["content"]["evalue"])
            reply, messages = execute(kc, "2 + 2")
            self.assertEqual(result_text(messages), "4")
            self.assertEqual(reply["content"]["execution_count"], 2)
        finally:
            stop_kernel(km, kc)


if __name__ == "__main__":
    unittest.main()
