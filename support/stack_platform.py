"""The embedded stack's platform process: ``python -m support.stack_platform``.

Imports the platform's modules first (FastAPI, the phone-number metadata, ...: most of a start),
while the stack brings up PostgreSQL and the doubles; then reads the platform's environment, one
JSON object on a line of stdin, and serves with ``campaign_platform.__main__.main()`` in this same
process. ``campaign_platform.app`` reads its settings when imported, so it and ``__main__`` are
imported only after the environment. Nothing else is imported here: this module is on the path
to a ready stack (``support.stack`` and its dependencies are not).
"""
import importlib
import json
import os
import pkgutil
import sys

AFTER_THE_ENVIRONMENT = ("campaign_platform.app", "campaign_platform.__main__")
SERVER_MODULES = ("uvicorn", "uvicorn.loops.uvloop", "uvicorn.protocols.http.httptools_impl",
                  "uvicorn.protocols.websockets.auto", "uvicorn.lifespan.on")


def main() -> None:
    import campaign_platform
    for module in pkgutil.walk_packages(campaign_platform.__path__, "campaign_platform."):
        if module.name not in AFTER_THE_ENVIRONMENT:
            importlib.import_module(module.name)
    for name in SERVER_MODULES:
        importlib.import_module(name)
    line = sys.stdin.readline()
    if not line:
        sys.exit("support.stack_platform: no environment on stdin (the stack stopped first)")
    os.environ.update(json.loads(line))
    from campaign_platform.__main__ import main as serve
    serve()


if __name__ == "__main__":
    main()
