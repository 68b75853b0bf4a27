"""The reassigned-numbers database double: the FCC's Reassigned Numbers Database (RND) on
loopback (A7: 47 CFR 64.1200(m)).

Its contract is ``support/doubles/reassigned.md``. Run: ``python -m support.doubles.reassigned
--port 8094``.
"""
from support.doubles.reassigned.app import create_app
from support.doubles.reassigned.state import RESULTS, Database

__all__ = ["RESULTS", "Database", "create_app"]
