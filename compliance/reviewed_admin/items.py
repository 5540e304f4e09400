"""Items in the admin (products, articles, use categories, product lines): the change
form shows the content an editor continues from (changes waiting for review, if any),
carries the version it was opened at, and hands the whole proposal (the form and its
inlines) to ``workflow.submit``; adding runs ``workflow.check_create`` and
``workflow.created``; deleting asks ``workflow.check_delete``."""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from compliance import workflow
from compliance.models import Revision
from compliance.reviewed_admin.errors import (
    RedisplayForm,
    add_workflow_errors,
    error_dict,
    pending_message,
)
from compliance.reviewed_admin.inlines import proposal
from core import snapshots


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
                    if not workflow.same_time(live.published_at, new_time):
                        workflow.check_publication_time(new_time)
                    workflow.check_rescheduling(live, old, live.published_at, new_time, self.user)
        except ValidationError as exc:
            for name, messages_ in error_dict(exc).items():
                for message in messages_:
                    self.add_error(name if name in self.fields else None, message)
        add_workflow_errors(self, self.request)


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
        if obj.approved_by is None:
            # Loaded approved (the demo catalog, an import), or the approver's account was
            # deleted since: the record does not say who.
            return f"Approved on {when}; the approver is not on record"
        return f"Approved by {obj.approved_by} on {when}"

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
