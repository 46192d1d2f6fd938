"""Views: reports turned into document blocks and records, for every output format."""
