"""actionplan: council action plans as YAML files, checked like code."""

__version__ = "0.1.0"
