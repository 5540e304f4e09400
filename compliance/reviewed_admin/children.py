"""Child rows on their own admin pages (an exercise, a link, a pack, an image) and rows
of other items' content shown inline: change, add, delete and bulk delete go through
``workflow.change_child``."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse

from compliance import workflow
from compliance.reviewed_admin.errors import RedisplayForm, add_workflow_errors, pending_message
from core import snapshots


class ReviewedChildForm(forms.ModelForm):
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    request = None
    parent_field = "article"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = getattr(self.instance, f"{self.parent_field}_id", None) and getattr(
            self.instance, self.parent_field
        )
        self.fields["edit_token"].initial = workflow.edit_token(parent) if parent else ""

    def _post_clean(self):
        super()._post_clean()
        instance = self.instance
        if instance.pk is not None and self.parent_field in self.changed_data:
            self.add_error(
                self.parent_field,
                "A row cannot move to another item: add it there, and remove it here.",
            )
        parent = (
            getattr(instance, self.parent_field, None)
            if getattr(instance, f"{self.parent_field}_id", None)
            else None
        )
        if parent is not None and instance.pk is not None:
            try:
                workflow.check_token(parent, self.cleaned_data.get("edit_token") or None)
            except ValidationError as exc:
                self.add_error(None, exc)
        add_workflow_errors(self, self.request)


class ReviewedChildAdminMixin:
    """The own pages of rows that are part of an item's content."""

    parent_field = "article"
    relation = "exercises"

    def get_form(self, request, obj=None, **kwargs):
        kwargs.setdefault(
            "form", self.form if self.form is not forms.ModelForm else ReviewedChildForm
        )
        form = super().get_form(request, obj, **kwargs)
        bases = (form,) if issubclass(form, ReviewedChildForm) else (ReviewedChildForm, form)
        return type(form.__name__, bases, {"request": request, "parent_field": self.parent_field})

    def revert_disabled(self, request, obj=None):
        return True

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            return obj
        parent = getattr(obj, self.parent_field)
        revision = workflow.open_revision(parent)
        if revision is not None:
            row = next(
                (
                    r
                    for r in revision.content["children"].get(self.relation, [])
                    if r["id"] == obj.pk
                ),
                None,
            )
            spec = type(parent).content_spec.child(self.relation)
            if row is not None:
                for name in spec.fields:
                    f = obj._meta.get_field(name)
                    if name in row:
                        setattr(obj, f.attname, snapshots.decode(f, row[name]))
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RedisplayForm as refused:
            request._workflow_error = refused.error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _values(self, obj, form):
        spec = type(getattr(obj, self.parent_field)).content_spec.child(self.relation)
        names = form.changed_data if obj.pk is not None else [*spec.fields, *spec.direct]
        values = {}
        for name in names:
            if name in (*spec.fields, *spec.direct):
                snapshots.commit_files(obj)
                f = obj._meta.get_field(name)
                values[f.attname if f.is_relation else name] = getattr(obj, f.attname)
        return values

    def save_model(self, request, obj, form, change):
        parent = getattr(obj, self.parent_field)
        try:
            outcome = workflow.change_child(
                parent=parent,
                relation=self.relation,
                user=request.user,
                pk=obj.pk if change else None,
                values=self._values(obj, form),
                token=(form.cleaned_data.get("edit_token") or None) if change else None,
            )
        except ValidationError as exc:
            raise RedisplayForm(exc) from exc
        request._review_outcome = outcome
        created = outcome.created.get(self.relation) if outcome.created else None
        if created:
            obj.pk = created[0].pk
            obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        pass  # child rows have no relations of their own to save

    def log_addition(self, request, obj, message):
        if obj.pk is not None:
            return super().log_addition(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        outcome = getattr(request, "_review_outcome", None)
        if outcome is not None and outcome.pending:
            return self._pending_redirect(request, obj, outcome)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        outcome = getattr(request, "_review_outcome", None)
        if outcome is not None and outcome.pending:
            return self._pending_redirect(request, obj, outcome)
        return super().response_change(request, obj)

    def _pending_redirect(self, request, obj, outcome):
        parent = getattr(obj, self.parent_field)
        self.message_user(request, pending_message(parent, outcome), messages.WARNING)
        opts = parent._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[parent.pk])
        )

    def delete_model(self, request, obj):
        self._delete(request, [obj])

    def delete_queryset(self, request, queryset):
        self._delete(request, list(queryset))

    def _delete(self, request, objs):
        pending = []
        for obj in objs:
            parent = getattr(obj, self.parent_field)
            outcome = workflow.change_child(
                parent=parent, relation=self.relation, user=request.user, pk=obj.pk, delete=True
            )
            if outcome.pending:
                pending.append(parent)
        if pending:
            request._review_pending_delete = pending
            self.message_user(
                request,
                "The removal is waiting for a claims reviewer, because these are live: "
                + ", ".join(f"\u201c{p}\u201d" for p in dict.fromkeys(pending))
                + ". Shoppers see the approved version until then.",
                messages.WARNING,
            )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if getattr(request, "_review_pending_delete", None) and level == messages.SUCCESS:
            return  # the removal waits for review: "deleted successfully" would mislead
        return super().message_user(request, message, level, *args, **kwargs)


# --- Rows of other items' content, shown inline ------------------------------------------
class ForeignChildFormSetMixin:
    """An inline of rows that belong to another item's content (on a product's page, the
    links by which articles recommend it): each change goes through that item's
    workflow, as if made on its own page."""

    parent_field = "article"

    def save_through_workflow(self, request) -> list:
        outcomes = []
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        for form in self.forms:
            child = form.instance
            if self.can_delete and self._should_delete_form(form):
                if child.pk is not None:
                    parent = type(child)._default_manager.get(pk=child.pk)
                    outcomes.append(
                        self._change(
                            request, getattr(parent, self.parent_field), child, delete=True
                        )
                    )
                continue
            if not form.has_changed():
                continue
            parent = getattr(child, self.parent_field)
            relation = child._meta.get_field(self.parent_field).remote_field.get_accessor_name()
            spec = type(parent).content_spec.child(relation)
            names = form.changed_data if child.pk is not None else [*spec.fields, *spec.direct]
            values = {}
            for name in names:
                if name in (*spec.fields, *spec.direct):
                    f = child._meta.get_field(name)
                    values[f.attname] = getattr(child, f.attname)
            outcomes.append(self._change(request, parent, child, values=values))
        pending = [o for o in outcomes if o.pending]
        if pending:
            request._review_foreign_pending = pending
            from django.contrib import messages as messages_

            messages_.warning(
                request,
                "Changes to the recommendations of live articles are waiting for a claims "
                "reviewer: "
                + ", ".join(dict.fromkeys(o.revision.object_repr for o in pending))
                + ".",
            )
        return outcomes

    def _change(self, request, parent, child, *, values=None, delete=False):
        relation = child._meta.get_field(self.parent_field).remote_field.get_accessor_name()
        try:
            return workflow.change_child(
                parent=parent,
                relation=relation,
                user=request.user,
                pk=child.pk,
                values=values,
                delete=delete,
            )
        except ValidationError as exc:
            raise RedisplayForm(exc) from exc


class ForeignChildInlineMixin:
    parent_field = "article"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(
            formset.__name__,
            (ForeignChildFormSetMixin, formset),
            {"parent_field": self.parent_field},
        )
