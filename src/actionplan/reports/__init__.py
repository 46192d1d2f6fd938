"""Reports: plain data computed from loaded plans, never drawn."""
