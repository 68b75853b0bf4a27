"""The carrier double: a telephony provider on loopback (calls, texts, signed callbacks; A5, D).

Its contract is ``support/doubles/carrier.md``. Run: ``python -m support.doubles.carrier
--port 8091``.
"""
from support.doubles.carrier.app import create_app
from support.doubles.carrier.signing import SIGNATURE_HEADER, TOLERANCE, sign, verify
from support.doubles.carrier.state import Carrier

__all__ = ["SIGNATURE_HEADER", "TOLERANCE", "Carrier", "create_app", "sign", "verify"]
