"""actionplan: council action plans as YAML files, checked like code."""

__version__ = "0.2.0"
