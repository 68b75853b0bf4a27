"""What every third-party double shares: a threaded loopback HTTP server, its clean shutdown on
SIGTERM or Ctrl-C, and the ``--port`` command line."""
from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Callable
from http.server import ThreadingHTTPServer


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # a burst of a thousand clients is not refused at the backlog


def bind(state, handler_factory: Callable, port: int = 0) -> Server:
    """A server bound on loopback (port 0: a free one) for ``state``, whose ``port`` it sets."""
    server = Server(("127.0.0.1", port), handler_factory(state))
    state.port = server.server_address[1]
    return server


def serve(make_server: Callable, port: int) -> None:
    http, state = make_server(port)
    # SIGINT too, explicitly: a shell starts background children with SIGINT ignored.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: threading.Thread(target=http.shutdown).start())
    try:
        http.serve_forever(poll_interval=0.1)
    finally:
        state.stop()
        http.server_close()


def main(description: str, make_server: Callable) -> None:
    parser = argparse.ArgumentParser(description=description,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    serve(make_server, parser.parse_args().port)
