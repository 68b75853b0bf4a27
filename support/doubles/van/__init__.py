"""The VAN double: NGP VAN's API (EveryAction / VoterFile and MyCampaign) on loopback.

Its contract is ``support/doubles/van.md``. Run: ``python -m support.doubles.van --port 8093``.
"""
from support.doubles.van.app import create_app
from support.doubles.van.state import RESULT_CODES, Van

__all__ = ["RESULT_CODES", "Van", "create_app"]
