"""Reference campaign platform: the system under test of the acceptance suite (see API.md)."""

__version__ = "0.1.0"
