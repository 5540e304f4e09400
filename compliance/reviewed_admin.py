"""The admin's doors to reviewed content: every one of them calls ``compliance.workflow``.

- ``ReviewedAdminMixin`` for items (products, articles, use categories, product lines):
  the change form shows the content an editor continues from (changes waiting for review,
  if any), carries the version it was opened at, and hands the whole proposal (the form
  and its inlines) to ``workflow.submit``; adding runs ``workflow.check_create`` and
  ``workflow.created``; deleting asks ``workflow.check_delete``.
- ``ReviewedInlineMixin`` for the inlines that are part of an item's content.
- ``ReviewedChildAdminMixin`` for the child rows' own pages (an exercise, a link, a pack,
  an image): change, add, delete and bulk delete go through ``workflow.change_child``.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Exists, OuterRef
from django.forms.formsets import BaseFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from compliance import workflow
from compliance.models import Revision
from core import snapshots


class RedisplayForm(Exception):
    """Raised after validation when the workflow refuses a change at save time (another
    save won a race): the change view runs again and shows the form, as typed, with the
    reasons."""

    def __init__(self, error: ValidationError):
        super().__init__(error)
        self.error = error


def _error_dict(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            name: [str(m) for e in errs for m in e.messages]
            for name, errs in error.error_dict.items()
        }
    return {NON_FIELD_ERRORS: list(error.messages)}


def add_workflow_errors(form, request) -> None:
    """Show the reasons a first attempt was refused on the form of the second."""
    error = getattr(request, "_workflow_error", None)
    if error is None:
        return
    for name, messages_ in _error_dict(error).items():
        target = name if name in form.fields else None
        for message in messages_:
            form.add_error(target, message)


# --- Items -------------------------------------------------------------------------------
class ReviewedAdminForm(forms.ModelForm):
    """Runs the workflow's checks while the form validates, so a refused change comes
    back with the form as the user typed it."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    claims_sign_off = forms.BooleanField(
        label="Sign off flagged claims",
        required=False,
        help_text="Claims reviewers: tick to approve the flagged phrases and let this go "
        "live with them.",
    )
    request = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        draft = getattr(self.instance, "_review_draft", None)
        if draft is not None:
            for name, values in draft.m2m.items():
                if name in self.fields:
                    self.initial[name] = values
        self.fields["edit_token"].initial = getattr(self.instance, "_edit_token", "")

    @property
    def user(self):
        return getattr(self.request, "user", None)

    def _post_clean(self):
        if self.instance.pk is not None:
            self.instance._claims_unchanged = [
                name for name in self.fields if name not in self.changed_data
            ]
        super()._post_clean()
        instance = self.instance
        publishable = workflow.is_publishable(instance)
        try:
            if instance.pk is None:
                status = self.cleaned_data.get("status") if publishable else None
                workflow.check_create(type(instance), status, self.user)
                if publishable and "published_at" in self.cleaned_data:
                    workflow.check_publication_time(self.cleaned_data["published_at"])
            else:
                live = type(instance)._default_manager.get(pk=instance.pk)
                workflow.check_token(live, self.cleaned_data.get("edit_token") or None)
                if publishable:
                    old, new = live.status, self.cleaned_data.get("status", live.status)
                    workflow.check_transition(live, old, new, self.user)
                    new_time = self.cleaned_data.get("published_at", live.published_at)
                    if not workflow._same_time(live.published_at, new_time):
                        workflow.check_publication_time(new_time)
                    workflow.check_rescheduling(live, old, live.published_at, new_time, self.user)
        except ValidationError as exc:
            for name, messages_ in _error_dict(exc).items():
                for message in messages_:
                    self.add_error(name if name in self.fields else None, message)
        add_workflow_errors(self, self.request)


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


class ReviewedAdminMixin:
    """Products, articles, use categories and product lines in the admin."""

    form = ReviewedAdminForm
    # For the "Publishing" fieldset of items with a status; use categories and product
    # lines show review_fields only.
    publishing_fields = [
        "status",
        "published_at",
        "claims_sign_off",
        "edit_token",
        "review_state",
        "approval",
        "status_history",
    ]
    review_fields = ["claims_sign_off", "edit_token", "review_state", "approval"]

    # --- the form ---
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def get_readonly_fields(self, request, obj=None):
        return [
            *super().get_readonly_fields(request, obj),
            "review_state",
            "approval",
            "status_history",
        ]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None or not getattr(request, "_review_editing", False):
            return obj
        latest = workflow.latest_revision(obj)
        token = workflow.edit_token(obj, latest)
        revision = workflow.open_revision(obj, latest)
        if revision is not None:
            draft = snapshots.materialize(obj, type(obj).content_spec, revision.content)
            draft.obj._review_draft = draft
            obj = draft.obj
        obj._edit_token = token
        obj._open_revision = revision
        obj._latest_revision = latest
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        request._review_editing = True
        return super().change_view(request, object_id, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RedisplayForm as refused:
            request._workflow_error = refused.error
            return super().changeform_view(request, object_id, form_url, extra_context)

    # --- saving ---
    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
        # An existing item is saved by save_related, where its inlines are known.

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        if not change:
            form.save_m2m()
            for formset in formsets:
                if hasattr(formset, "save_through_workflow"):
                    formset.save_through_workflow(request)
                else:
                    self.save_formset(request, form, formset, change=change)
            try:
                request._review_outcome = workflow.created(
                    item=obj,
                    user=request.user,
                    signed_off=form.cleaned_data.get("claims_sign_off", False),
                )
            except ValidationError as exc:
                raise RedisplayForm(exc) from exc
            return
        content, direct = proposal(form, formsets)
        kwargs = {}
        if workflow.is_publishable(obj):
            kwargs["status"] = form.cleaned_data.get("status", workflow.UNSET)
            kwargs["published_at"] = form.cleaned_data.get("published_at", workflow.UNSET)
        try:
            outcome = workflow.submit(
                item=type(obj)._default_manager.get(pk=obj.pk),
                user=request.user,
                content=content,
                token=form.cleaned_data.get("edit_token") or None,
                signed_off=form.cleaned_data.get("claims_sign_off", False),
                direct=direct or None,
                **kwargs,
            )
        except ValidationError as exc:
            raise RedisplayForm(exc) from exc
        request._review_outcome = outcome
        self.save_foreign_children(request, form, formsets)
        self.show_flags(request, obj, content)

    def show_flags(self, request, obj, content) -> None:
        """Warned phrases are saved, and said: a reviewer must sign them off."""
        item = type(obj)._default_manager.get(pk=obj.pk)
        for finding in workflow.content_findings(item, content):
            if finding.severity == "warn":
                message = f"Flagged for review: {finding.message}"
                self.message_user(request, message, messages.WARNING)

    def save_foreign_children(self, request, form, formsets) -> None:
        """Inlines of rows that belong to other items' content (the articles recommending
        a product): each change goes through that item's workflow."""
        for formset in formsets:
            save = getattr(formset, "save_through_workflow", None)
            if save is not None:
                save(request)

    def construct_change_message(self, request, form, formsets, add=False):
        outcome = getattr(request, "_review_outcome", None)
        if add or outcome is None:
            return super().construct_change_message(request, form, formsets, add)
        labels = outcome.changed_labels
        if outcome.pending:
            return (
                f"Changes sent for review (revision #{outcome.revision.pk}): {', '.join(labels)}."
            )
        return [{"changed": {"fields": labels}}] if labels else []

    def response_change(self, request, obj):
        outcome = getattr(request, "_review_outcome", None)
        if outcome is not None and outcome.pending:
            self.message_user(request, pending_message(obj, outcome), messages.WARNING)
            if "_continue" in request.POST:
                return HttpResponseRedirect(request.path)
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        outcome = getattr(request, "_review_outcome", None)
        if outcome is not None and outcome.pending:
            self.message_user(
                request,
                f"\u201c{obj}\u201d was saved and is waiting for a claims reviewer.",
                messages.INFO,
            )
        return super().response_add(request, obj, post_url_continue)

    def revert_disabled(self, request, obj=None):
        """Reviewed content changes only through the workflow: no reverting from history."""
        return True

    # --- deleting ---
    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for obj in objs:
            reason = workflow.check_delete(obj, request.user)
            if reason:
                protected = [*protected, reason]
        return deleted, counts, perms_needed, protected

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("publish_selected", None)
        return actions

    # --- display ---
    def get_queryset(self, request):
        waiting = Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=OuterRef("pk"),
            status=Revision.Status.PENDING,
        )
        return super().get_queryset(request).annotate(waiting_review=Exists(waiting))

    @admin.display(description="Publication", ordering="status")
    def publication(self, obj):
        label = workflow.state_label(obj)
        if getattr(obj, "waiting_review", False):
            return f"{label} \u00b7 changes waiting for review"
        return label

    @admin.display(description="Approval")
    def approval(self, obj):
        if obj is None or not obj.approved_at:
            return "Not approved yet"
        when = date_format(timezone.localtime(obj.approved_at), "DATETIME_FORMAT")
        return f"Approved by {obj.approved_by or 'a removed user'} on {when}"

    @admin.display(description="Status history")
    def status_history(self, obj):
        if obj is None or obj.pk is None or not hasattr(obj, "status"):
            return "—"
        rows, newer = [], None
        for record in reversed(list(obj.history.select_related("history_user"))):
            if newer is None or record.status != newer:
                when = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
                rows.append((when, record.get_status_display(), record.history_user or "system"))
            newer = record.status
        return format_html(
            "<ol>{}</ol>", format_html_join("", "<li>{}: {} ({})</li>", reversed(rows))
        )

    @admin.display(description="Review")
    def review_state(self, obj):
        if obj is None or obj.pk is None:
            return "New: saved as a draft, or sent for review."
        latest = getattr(obj, "_latest_revision", None) or workflow.latest_revision(obj)
        revision = getattr(obj, "_open_revision", None)
        if revision is None:
            revision = workflow.open_revision(obj, latest)
        state = workflow.state_label(obj)
        if revision is None:
            return f"{state}. No changes are waiting for review."
        link = reverse("admin:compliance_revision_change", args=[revision.pk])
        if revision.status == revision.Status.REJECTED:
            return format_html(
                "{}. Sent back by {}: \u201c{}\u201d. The form shows those changes: edit them "
                'and save to send them again. <a href="{}">See the changes</a>.',
                state,
                revision.reviewed_by or "a reviewer",
                revision.comment,
                link,
            )
        return format_html(
            "{}. Changes by {} are waiting for review ({}); the form shows them, and the "
            'live page keeps the approved version. <a href="{}">Compare with live</a>.',
            state,
            revision.created_by or "someone",
            ", ".join(revision.changed) or "no visible difference",
            link,
        )


def pending_message(obj, outcome) -> str:
    return (
        f"Your changes to \u201c{obj}\u201d ({', '.join(outcome.changed_labels)}) are waiting for "
        "a claims reviewer. Shoppers see the approved version until then."
    )


# --- Child rows on their own pages ---------------------------------------------------------
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
