"""Donation workflows: recording notifications, reconciliation runs, the scheduler."""
