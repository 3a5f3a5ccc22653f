"""Serializer fields shared by the apps' APIs."""

from rest_framework import serializers

# The largest id any database here stores (a signed 64-bit integer).
MAX_DATABASE_INT = 2**63 - 1


class IdField(serializers.IntegerField):
    """A database id in a request body: a positive integer a database column
    can hold. Larger numbers (99999999999999999999) are a 400 "not valid"
    instead of an OverflowError in the lookup."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_DATABASE_INT)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, float) and not data.is_integer():
            self.fail("invalid")
        try:
            return super().to_internal_value(data)
        except OverflowError:  # int(float("inf"))
            self.fail("invalid")
