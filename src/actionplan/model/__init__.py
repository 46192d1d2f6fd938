"""The plan format: scalars (dates, targets, money) and the Pydantic models."""
