"""What a model instance holds, field by field: to compare an instance made by a written-out
statement (voorop.core.inserts, voorop.core.rows) with what the ORM makes."""

from typing import Any


def field_values(instance: Any, *, with_pk: bool = True) -> dict[str, Any]:
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if with_pk or not field.primary_key
    }
