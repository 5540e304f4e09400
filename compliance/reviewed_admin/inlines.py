"""Inlines that are part of an item's content: they list the rows the editor continues
from, and turn what was posted into the proposal the workflow receives."""

from django.forms.formsets import BaseFormSet

from core import snapshots


class ReviewedInlineFormSetMixin:
    """An inline that is part of the parent's content: it lists the rows the editor
    continues from (those of changes waiting for review, some perhaps not yet in the
    database) and marks which direct values the user really changed."""

    def _draft_rows(self):
        draft = getattr(self.instance, "_review_draft", None)
        if draft is None:
            return None
        return draft.children.get(self.fk.remote_field.get_accessor_name())

    def get_queryset(self):
        rows = self._draft_rows()
        return rows if rows is not None else super().get_queryset()

    def _construct_form(self, i, **kwargs):
        rows = self._draft_rows()
        if rows is None:
            return super()._construct_form(i, **kwargs)
        # The rows are read by position: the edit token guarantees they are the ones
        # the form was rendered with. A row not yet in the database has no id.
        if i < self.initial_form_count():
            kwargs["instance"] = rows[i]
        elif self.initial_extra and i - self.initial_form_count() < len(self.initial_extra):
            kwargs["initial"] = self.initial_extra[i - self.initial_form_count()]
        form = BaseFormSet._construct_form(self, i, **kwargs)
        pk_name = self.model._meta.pk.name
        if pk_name in form.fields:
            form.fields[pk_name].required = False
        setattr(form.instance, self.fk.attname, self.instance.pk)
        return form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        direct = getattr(self, "direct_fields", ())
        for name in direct:
            if name in form.fields:
                form.fields[name].show_hidden_initial = True


class ReviewedInlineMixin:
    """For inlines whose rows are part of the parent's reviewed content."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        relation = self.model._meta.get_field(self.fk_name or self._fk_name()).remote_field
        spec = self.parent_model.content_spec.child(relation.get_accessor_name())
        return type(
            formset.__name__,
            (ReviewedInlineFormSetMixin, formset),
            {"direct_fields": spec.direct},
        )

    def _fk_name(self):
        from django.forms.models import _get_foreign_key

        return _get_foreign_key(self.parent_model, self.model).name


def _rows_from_formset(formset, child_spec) -> tuple[list, dict]:
    """The rows an inline proposes, and the direct values the user changed on existing
    rows (``{pk: {attname: value}}``). New rows without a position go last."""
    rows, direct = [], {}
    deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
    for index, form in enumerate(formset.forms):
        if id(form) in deleted:
            continue
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        child = form.instance
        snapshots.commit_files(child)
        rows.append(child)
        if child.pk is not None:
            changed = {
                child._meta.get_field(name).attname: form.cleaned_data[name]
                for name in form.changed_data
                if name in child_spec.direct
            }
            if changed:
                direct[child.pk] = changed
    order = child_spec.order_field
    if order:
        last = max((getattr(r, order) or 0 for r in rows), default=0)
        for child in rows:
            if child.pk is None and not getattr(child, order):
                last += 1
                setattr(child, order, last)
    return rows, direct


def proposal(form, formsets) -> tuple[dict, dict]:
    """The whole content a change form proposes (the item, its many-to-many values and
    its inline rows), and the direct values changed on existing rows."""
    instance = form.instance
    spec = type(instance).content_spec
    draft = getattr(instance, "_review_draft", None)
    snapshots.commit_files(instance)
    m2m = {}
    for name in spec.m2m:
        if name in form.cleaned_data:
            m2m[name] = form.cleaned_data[name]
        elif draft is not None:
            m2m[name] = draft.m2m.get(name, [])
    children, direct = {}, {}
    for formset in formsets:
        relation = getattr(getattr(formset, "fk", None), "remote_field", None)
        name = relation.get_accessor_name() if relation is not None else None
        if (
            name is None
            or formset.model is not relation.related_model
            or name not in {c.relation for c in spec.children}
        ):
            continue
        rows, changed = _rows_from_formset(formset, spec.child(name))
        children[name] = rows
        if changed:
            direct[name] = changed
    for child_spec in spec.children:
        if child_spec.relation not in children and draft is not None:
            children[child_spec.relation] = draft.children.get(child_spec.relation, [])
    return snapshots.capture(instance, spec, m2m=m2m, children=children), direct
