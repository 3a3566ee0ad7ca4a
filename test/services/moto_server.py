"""Test-only launcher: `moto_server` with a watchdog on standard input.

Same arguments as `moto_server` (e.g. `-H 127.0.0.1 -p 5000`). It runs moto's own server entry point
in this process and exits as soon as standard input reaches end-of-file, so the server cannot outlive
the test runner that started it, even if that runner is killed with SIGKILL. SIGTERM/SIGINT stop it as
usual. Started by test/services/servers.ts with the project's venv (.cache/venv).
"""

import os
import sys
import threading


def _exit_when_stdin_closes() -> None:
    # os.read on the raw descriptor, not sys.stdin: a daemon thread blocked inside a buffered reader makes
    # the interpreter abort at shutdown ("could not acquire lock for <stdin>") when SIGTERM ends the server.
    try:
        while os.read(0, 256):
            pass  # input is ignored; only end-of-file matters
    except OSError:
        pass
    try:
        sys.stderr.write("moto: stdin closed, exiting\n")
        sys.stderr.flush()
    except Exception:  # the parent is usually gone, and its end of stderr with it
        pass
    os._exit(0)  # moto keeps everything in memory: nothing to flush


def main() -> None:
    if os.environ.get("MOTO_WATCH_STDIN", "1") != "0":
        threading.Thread(target=_exit_when_stdin_closes, name="stdin-watchdog", daemon=True).start()
    from moto.server import main as moto_main

    moto_main(sys.argv[1:])


if __name__ == "__main__":
    main()
