"""Snapshots of a model row with its many-to-many values and child rows, as JSON.

A model declares what belongs to its content with a ``ContentSpec``: its own fields, its
many-to-many fields, and child relations (rows that point at it and are edited with it),
each with the child fields that are content and those that are not (``direct``: values
that change at once and are never held back, such as a price). From that spec this
module can

- ``capture`` an object (from the database, or from forms not yet saved) as a snapshot,
- ``materialize`` a snapshot back into unsaved objects a form or a check can read,
- ``apply`` a snapshot to the database, and
- ``diff`` two snapshots field by field and row by row.

Snapshots are plain JSON: ``{"fields": {...}, "m2m": {...}, "children": {rel: [row]}}``
where a row is ``{"id": pk or None, field: value, ...}``; a row without an id is new.
Text is stored with LF line endings and without surrounding whitespace, as forms send
it, so that comparing two snapshots never sees a difference a reader would not.
"""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass(frozen=True)
class ChildSpec:
    relation: str  # the reverse accessor on the parent, e.g. "variants"
    fields: tuple[str, ...]  # content: held for review on a live parent
    direct: tuple[str, ...] = ()  # applied at once, e.g. prices and stock
    order_field: str | None = "position"
    label: str = ""  # how staff name one row, e.g. "pack"


@dataclass(frozen=True)
class ContentSpec:
    fields: tuple[str, ...]
    m2m: tuple[str, ...] = ()
    children: tuple[ChildSpec, ...] = field(default_factory=tuple)

    def child(self, relation: str) -> ChildSpec:
        return next(c for c in self.children if c.relation == relation)


# --- Values ------------------------------------------------------------------------------
def _tidy(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value


def encode(field: models.Field, obj) -> Any:
    """A field's value on ``obj`` as JSON."""
    if field.many_to_one or field.one_to_one:
        return getattr(obj, field.attname)
    value = getattr(obj, field.attname)
    if isinstance(field, models.FileField):
        return (getattr(value, "name", value) or "") if value else ""
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return _tidy(value)


def decode(field: models.Field, value) -> Any:
    """The Python value of a snapshot's JSON ``value`` for ``field``."""
    if field.many_to_one or field.one_to_one or value is None:
        return value
    if isinstance(field, models.FileField | models.JSONField):
        return value
    return field.to_python(value)


def _fields(model, names):
    return [model._meta.get_field(name) for name in names]


def _row(child: models.Model, names) -> dict:
    row = {"id": child.pk}
    for f in _fields(type(child), names):
        row[f.name] = encode(f, child)
    return row


def _child_model(obj_or_model, relation: str):
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return model._meta.get_field(relation).related_model


def _parent_field(model, relation: str) -> models.ForeignKey:
    return model._meta.get_field(relation).field


def _ordered(rows, spec: ChildSpec):
    if spec.order_field:
        return sorted(rows, key=lambda r: (r.get(spec.order_field) or 0, r["id"] or 0))
    return rows


# --- Capture -----------------------------------------------------------------------------
def capture(obj, spec: ContentSpec, *, m2m: dict | None = None, children: dict | None = None):
    """A snapshot of ``obj``. ``m2m`` ({name: pks}) and ``children`` ({relation: [unsaved or
    saved instances]}) override what the database holds, for content not yet saved."""
    snapshot = {"fields": {}, "m2m": {}, "children": {}}
    for f in _fields(type(obj), spec.fields):
        snapshot["fields"][f.name] = encode(f, obj)
    for name in spec.m2m:
        if m2m is not None and name in m2m:
            values = [getattr(v, "pk", v) for v in m2m[name]]
        elif obj.pk:
            values = list(getattr(obj, name).values_list("pk", flat=True))
        else:
            values = []
        snapshot["m2m"][name] = sorted(values)
    for child_spec in spec.children:
        if children is not None and child_spec.relation in children:
            rows = children[child_spec.relation]
        elif obj.pk:
            rows = list(getattr(obj, child_spec.relation).all())
        else:
            rows = []
        names = (*child_spec.fields, *child_spec.direct)
        snapshot["children"][child_spec.relation] = _ordered(
            [_row(child, names) for child in rows], child_spec
        )
    return snapshot


def commit_files(obj) -> None:
    """Store the files newly uploaded to ``obj``'s file fields, so that a snapshot can
    name them before the row is saved."""
    for f in obj._meta.concrete_fields:
        if isinstance(f, models.FileField):
            value = getattr(obj, f.attname)
            if value and not getattr(value, "_committed", True):
                value.save(value.name, value.file, save=False)


# --- Materialize -------------------------------------------------------------------------
@dataclass
class Materialized:
    """Unsaved objects holding a snapshot: the object itself, its many-to-many values and
    its children (existing rows carry their current direct values)."""

    obj: models.Model
    m2m: dict[str, list]
    children: dict[str, list[models.Model]]


def materialize(obj, spec: ContentSpec, snapshot: dict) -> Materialized:
    """``obj`` as ``snapshot`` has it, without touching the database's rows."""
    model = type(obj)
    copy = model._default_manager.get(pk=obj.pk) if obj.pk else model()
    for f in _fields(model, spec.fields):
        if f.name in snapshot["fields"]:
            setattr(copy, f.attname, decode(f, snapshot["fields"][f.name]))
    children = {}
    for child_spec in spec.children:
        child_model = _child_model(model, child_spec.relation)
        parent_fk = _parent_field(model, child_spec.relation)
        existing = {c.pk: c for c in getattr(copy, child_spec.relation).all()} if copy.pk else {}
        rows = []
        for row in snapshot["children"].get(child_spec.relation, []):
            child = existing.get(row["id"]) if row["id"] is not None else None
            names = (
                child_spec.fields if child is not None else (*child_spec.fields, *child_spec.direct)
            )
            if child is None:
                child = child_model()
            setattr(child, parent_fk.name, copy)
            for f in _fields(child_model, names):
                if f.name in row:
                    setattr(child, f.attname, decode(f, row[f.name]))
            rows.append(child)
        children[child_spec.relation] = rows
    return Materialized(copy, dict(snapshot.get("m2m", {})), children)


# --- Apply -------------------------------------------------------------------------------
def apply(obj, spec: ContentSpec, snapshot: dict, *, before_save=None) -> dict[str, list]:
    """Write ``snapshot``'s content to the database: ``obj``'s fields, its many-to-many
    values and its children (rows missing from the snapshot are deleted, rows without
    an id are created with their direct values too). Existing children keep their
    direct values: those changed at once, and the snapshot's may be older.

    ``before_save(instance)`` is called before each save or delete (to say who made the
    change, for instance). Returns the children it created, by relation."""
    model = type(obj)
    created: dict[str, list] = {}
    before_save = before_save or (lambda instance: None)
    for f in _fields(model, spec.fields):
        if f.name in snapshot["fields"]:
            setattr(obj, f.attname, decode(f, snapshot["fields"][f.name]))
    before_save(obj)
    obj.save()
    for name in spec.m2m:
        if name in snapshot.get("m2m", {}):
            getattr(obj, name).set(snapshot["m2m"][name])
    for child_spec in spec.children:
        if child_spec.relation not in snapshot.get("children", {}):
            continue
        child_model = _child_model(model, child_spec.relation)
        parent_fk = _parent_field(model, child_spec.relation)
        rows = snapshot["children"][child_spec.relation]
        existing = {c.pk: c for c in getattr(obj, child_spec.relation).all()}
        kept = {row["id"] for row in rows if row["id"] is not None}
        for pk, child in existing.items():
            if pk not in kept:
                before_save(child)
                child.delete()
        for row in rows:
            child = existing.get(row["id"]) if row["id"] is not None else None
            if row["id"] is not None and child is None:
                continue  # removed since the snapshot was taken: nothing to update
            names = (
                child_spec.fields if child is not None else (*child_spec.fields, *child_spec.direct)
            )
            if child is None:
                child = child_model(**{parent_fk.name: obj})
            changed = child.pk is None
            for f in _fields(child_model, names):
                if f.name in row:
                    value = decode(f, row[f.name])
                    if encode(f, child) != _tidy(row[f.name]):
                        setattr(child, f.attname, value)
                        changed = True
            if child.pk is None:
                before_save(child)
                child.save()
                created.setdefault(child_spec.relation, []).append(child)
            elif changed:
                before_save(child)
                child.save()
    return created


# --- Diff --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    path: str  # "description", "variants", "variants.pack_size"
    label: str  # "description", "pack 30 ml: pack size"
    before: Any
    after: Any
    kind: str = "changed"  # "changed", "added", "removed", "moved"


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _row_name(child_model, child_spec: ChildSpec, row: dict) -> str:
    noun = child_spec.label or child_model._meta.verbose_name
    for name in child_spec.fields:
        value = row.get(name)
        if isinstance(value, str) and value and name != child_spec.order_field:
            return f"{noun} \u201c{value[:40]}\u201d"
    return f"{noun} #{row['id']}" if row["id"] else f"new {noun}"


def diff(model, spec: ContentSpec, before: dict, after: dict) -> list[Change]:
    """What differs between two snapshots of ``model``'s content (direct values aside)."""
    changes = []
    for name in spec.fields:
        old, new = _tidy(before["fields"].get(name)), _tidy(after["fields"].get(name))
        if old != new:
            changes.append(Change(name, _label(model, name), old, new))
    for name in spec.m2m:
        old, new = sorted(before["m2m"].get(name, [])), sorted(after["m2m"].get(name, []))
        if old != new:
            changes.append(Change(name, _label(model, name), old, new))
    for child_spec in spec.children:
        child_model = _child_model(model, child_spec.relation)
        old_rows = before["children"].get(child_spec.relation, [])
        new_rows = after["children"].get(child_spec.relation, [])
        old_by_id = {r["id"]: r for r in old_rows if r["id"] is not None}
        new_ids = {r["id"] for r in new_rows if r["id"] is not None}
        for row in old_rows:
            if row["id"] not in new_ids:
                changes.append(
                    Change(
                        child_spec.relation,
                        _row_name(child_model, child_spec, row),
                        row,
                        None,
                        "removed",
                    )
                )
        for row in new_rows:
            old = old_by_id.get(row["id"])
            if old is None:
                changes.append(
                    Change(
                        child_spec.relation,
                        _row_name(child_model, child_spec, row),
                        None,
                        row,
                        "added",
                    )
                )
                continue
            for name in child_spec.fields:
                if name == child_spec.order_field:
                    continue
                if _tidy(old.get(name)) != _tidy(row.get(name)):
                    where = _row_name(child_model, child_spec, old)
                    changes.append(
                        Change(
                            f"{child_spec.relation}.{name}",
                            f"{where}: {_label(child_model, name)}",
                            old.get(name),
                            row.get(name),
                        )
                    )
        if child_spec.order_field and child_spec.order_field not in child_spec.direct:
            old_order = [r["id"] for r in _ordered(old_rows, child_spec) if r["id"] in new_ids]
            new_order = [r["id"] for r in _ordered(new_rows, child_spec) if r["id"] in old_by_id]
            if old_order != new_order:
                noun = child_spec.label or child_model._meta.verbose_name
                changes.append(
                    Change(child_spec.relation, f"order of {noun}s", old_order, new_order, "moved")
                )
    return changes


def same_content(model, spec: ContentSpec, a: dict, b: dict) -> bool:
    return not diff(model, spec, a, b)
