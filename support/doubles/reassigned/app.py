"""The reassigned-numbers database double's HTTP face (reassigned.md): the control API the suite
drives and the query API the platform calls."""
from __future__ import annotations

from starlette.applications import Starlette

from support.doubles import kit
from support.doubles.reassigned.state import Database


def create_app(database: Database | None = None) -> Starlette:
    database = database or Database()
    app = kit.create_app(database)
    kit.control(app, [
        ("POST", "/control/subscribers", database.register, 201),
        ("PUT", "/control/numbers/{number}", database.set_number),
        ("GET", "/control/cursor", database.cursor),
        ("GET", "/control/subscribers/{subscriber_id}/queries", database.queries),
    ])
    api = kit.Api(authenticate=database.authenticate, available=lambda subscriber: True,
                  down="The reassigned-numbers database is unavailable.", record=database.record)
    api.serve(app, [("GET", "/api/v1/query", database.query)])
    return app
