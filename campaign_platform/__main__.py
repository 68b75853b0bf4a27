"""`python -m campaign_platform`: serve the API with uvicorn on CP_HOST:CP_PORT."""

from __future__ import annotations

import copy
import sys

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from campaign_platform.settings import SettingsError


def _log_config() -> dict:
    """Uvicorn's logging (errors to stderr, access log to stdout) plus the platform's loggers."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["platform"] = {
        "()": "uvicorn.logging.DefaultFormatter",
        "fmt": "%(levelprefix)s %(name)s: %(message)s",
        "use_colors": False,
    }
    config["handlers"]["platform"] = {
        "formatter": "platform",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
    }
    config["loggers"]["campaign_platform"] = {"handlers": ["platform"], "level": "INFO", "propagate": False}
    return config


def main() -> None:
    try:
        from campaign_platform.app import app
    except SettingsError as exc:
        sys.exit(f"campaign_platform: {exc}")
    settings = app.state.settings
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        loop="uvloop",
        http="httptools",
        access_log=True,
        log_config=_log_config(),
    )


if __name__ == "__main__":
    main()
