"""Tracking the action programme (issue 11); see the module docstrings."""
