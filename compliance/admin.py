from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from compliance.models import PublicationStatus, RestrictedPhrase, SiteSettings
from compliance.services import (
    LIVE_TEXT_NEEDS_REVIEWER,
    check_child_edit,
    item_publish,
    item_warnings,
    may_publish,
    record_approval,
    review_change,
    sign_off_needed,
)


class BaseAdmin(admin.ModelAdmin):
    """The project's ModelAdmin: an add form pre-filled from the address (?product=3)
    ignores values that are not valid for their field instead of failing."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            target = field.target_field if field.is_relation and field.target_field else field
            values = value if isinstance(value, list) else [value]
            try:
                for item in values:
                    target.to_python(item)
            except (ValidationError, TypeError, ValueError):
                del initial[name]
        return initial


class HistoryAdmin(BaseAdmin, SimpleHistoryAdmin):
    """simple-history's admin, answering 404 (not a server error) for an address whose
    object or history id is not a valid id at all."""

    def _valid_id_or_404(self, model, value):
        try:
            model._meta.pk.to_python(unquote(value))
        except ValidationError:
            raise Http404("No such record.") from None

    def history_view(self, request, object_id, extra_context=None):
        self._valid_id_or_404(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._valid_id_or_404(self.model, object_id)
        history_model = getattr(self.model, self.model._meta.simple_history_manager_attribute).model
        self._valid_id_or_404(history_model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(RestrictedPhrase)
class RestrictedPhraseAdmin(HistoryAdmin):
    list_display = ["phrase", "severity", "is_regex", "rule", "suggestion", "is_active"]
    list_filter = ["severity", "is_active", "is_regex"]
    search_fields = ["phrase", "reason", "rule", "suggestion"]
    fieldsets = [
        (None, {"fields": ["phrase", "is_regex", "severity", "is_active"]}),
        ("Why, and what to write instead", {"fields": ["reason", "rule", "suggestion"]}),
    ]


@admin.register(SiteSettings)
class SiteSettingsAdmin(HistoryAdmin):
    """One row: the list page goes straight to it."""

    def changelist_view(self, request, extra_context=None):
        SiteSettings.objects.get_or_create(pk=1)
        return HttpResponseRedirect(reverse("admin:compliance_sitesettings_change", args=[1]))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _previous(instance):
    if instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).first()


class PublishableAdminForm(forms.ModelForm):
    """Runs the publishing workflow when the admin form validates, so a refused change
    comes back with the form as the user typed it."""

    claims_sign_off = forms.BooleanField(
        label="Sign off flagged claims",
        required=False,
        help_text="Claims reviewers: tick to approve the flagged phrases and let this go "
        "live with them.",
    )
    request_user = None
    approving = False

    def _post_clean(self):
        super()._post_clean()
        instance = self.instance
        instance._claims_signed_off = bool(self.cleaned_data.get("claims_sign_off"))
        try:
            self.approving = review_change(
                instance=instance,
                previous=_previous(instance),
                user=self.request_user,
                signed_off=instance._claims_signed_off,
            )
        except ValidationError as exc:
            self._update_errors(exc)


class ReviewedInlineFormSetMixin:
    """Inline rows shoppers read (exercises, link notes) follow their parent's workflow."""

    request_user = None

    def clean(self):
        super().clean()
        changed = [f for f in self.forms if f.has_changed() and f not in self.deleted_forms]
        if not changed and not self.deleted_forms:
            return
        parent, previous = self.instance, _previous(self.instance)
        going_live = parent.status == PublicationStatus.PUBLISHED
        was_live = previous is not None and previous.status == PublicationStatus.PUBLISHED
        reviewer = may_publish(self.request_user, parent)
        if going_live and was_live and not reviewer:
            raise ValidationError(LIVE_TEXT_NEEDS_REVIEWER, code="live_edit")
        if going_live and not getattr(parent, "_claims_signed_off", False):
            warnings = [w for form in changed for w in form.instance.claims_warnings]
            if warnings:
                raise ValidationError(sign_off_needed(warnings), code="sign_off")


class ReviewedInlineMixin:
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        bases = (ReviewedInlineFormSetMixin, formset)
        return type(formset.__name__, bases, {"request_user": request.user})


class ReviewedChildFormMixin:
    """For the admin pages of child rows (a link, an exercise) edited on their own."""

    request_user = None
    parent_field = "article"

    def _post_clean(self):
        super()._post_clean()
        if not self.has_changed():
            return
        try:
            check_child_edit(
                parent=getattr(self.instance, self.parent_field, None), user=self.request_user
            )
        except ValidationError as exc:
            self._update_errors(exc)


class ReviewedChildAdminMixin:
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        bases = (ReviewedChildFormMixin, form)
        return type(form.__name__, bases, {"request_user": request.user})


class PublishingAdminMixin:
    """Workflow for products and articles in the admin: who may publish, sign-off of
    warned phrases, approvals recorded, warnings shown, and the status history."""

    form = PublishableAdminForm
    publishing_fields = ["status", "published_at", "claims_sign_off", "approval", "status_history"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"request_user": request.user})

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "approval", "status_history"]

    def save_model(self, request, obj, form, change):
        if getattr(form, "approving", False):
            record_approval(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        children_changed = any(fs.has_changed() for fs in formsets)
        if (
            children_changed
            and obj.status == PublicationStatus.PUBLISHED
            and may_publish(request.user, obj)
            and not form.approving
        ):
            record_approval(obj, request.user)
            obj.save(update_fields=["approved_by", "approved_at"])
        for warning in item_warnings(obj):
            self.message_user(request, f"Flagged for review: {warning.message}", messages.WARNING)

    @admin.display(description="Approval")
    def approval(self, obj):
        if obj is None or not obj.approved_at:
            return "Not approved yet"
        return (
            f"Approved by {obj.approved_by or 'a removed user'} on {obj.approved_at:%d %b %Y %H:%M}"
        )

    @admin.display(description="Status history")
    def status_history(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        rows, newer = [], None
        for record in reversed(list(obj.history.select_related("history_user"))):
            if newer is None or record.status != newer:
                who = record.history_user or "system"
                rows.append(
                    (f"{record.history_date:%d %b %Y %H:%M}", record.get_status_display(), who)
                )
            newer = record.status
        return format_html(
            "<ol>{}</ol>",
            format_html_join("", "<li>{}: {} ({})</li>", reversed(rows)),
        )

    @admin.action(description="Publish selected items (claims reviewers)")
    def publish_selected(self, request, queryset):
        published, refused = 0, []
        for item in queryset:
            if not may_publish(request.user, item):
                refused.append(f"{item}: only a claims reviewer can publish")
                continue
            if item_warnings(item):
                refused.append(f"{item}: open it to sign off its flagged phrases")
                continue
            try:
                item_publish(instance=item, user=request.user)
            except ValidationError as exc:
                refused.append(f"{item}: {' '.join(exc.messages)}")
            else:
                published += 1
        if published:
            self.message_user(request, f"Published {published} item(s).", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, f"Not published: {reason}", messages.ERROR)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "publish_selected" in actions and not request.user.has_perm(
            f"{self.opts.app_label}.publish_{self.opts.model_name}"
        ):
            del actions["publish_selected"]
        return actions
