"""Editing plan files as text, and the one way files are written."""
