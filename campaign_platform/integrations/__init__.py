"""Outbound integrations."""
