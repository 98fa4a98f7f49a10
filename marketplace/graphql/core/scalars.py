"""Saleor's JSON and PositiveDecimal scalars."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from graphene.types.generic import GenericScalar
from graphql import GraphQLError


class JSON(GenericScalar):
    """Any JSON value."""


class PositiveDecimal(graphene.Decimal):
    """A Decimal greater than or equal to zero; answered as a JSON number, as Saleor does."""

    @staticmethod
    def serialize(value: Any) -> float:
        return float(value)

    @staticmethod
    def parse_value(value: Any) -> Decimal:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            raise GraphQLError(f"{value!r} is not a decimal number.") from None
        if not number.is_finite() or number < 0:
            raise GraphQLError(f"{value} is not a positive decimal number.")
        return number

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> Decimal:
        return cls.parse_value(getattr(node, "value", None))
