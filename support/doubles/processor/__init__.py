"""The processor double: an ActBlue-style donation processor on loopback (rules B1-B7).

Its contract is ``support/doubles/processor.md``. Run: ``python -m support.doubles.processor
--port 8090``.
"""
from support.doubles.processor.app import create_app
from support.doubles.processor.ledger import Processor
from support.doubles.processor.payload import CSV_COLUMNS, notification_payload

__all__ = ["CSV_COLUMNS", "Processor", "create_app", "notification_payload"]
