from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from compliance.models import RestrictedPhrase, Revision, SiteSettings
from compliance.review_queue import RevisionAdmin


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
    object or history id is not a valid id at all; "changed by" links to the user only
    for staff who may see users; where reverting is disabled, posting a revert is refused
    too (not only its button hidden)."""

    def _valid_id_or_404(self, model, value):
        try:
            model._meta.pk.to_python(unquote(value))
        except ValidationError:
            raise Http404("No such record.") from None

    def history_view(self, request, object_id, extra_context=None):
        self._valid_id_or_404(self.model, object_id)
        user_opts = get_user_model()._meta
        may_see_users = request.user.has_perm(
            f"{user_opts.app_label}.view_{user_opts.model_name}"
        ) or request.user.has_perm(f"{user_opts.app_label}.change_{user_opts.model_name}")
        if not may_see_users:  # an unresolvable name: the template shows the name alone
            extra_context = {"admin_user_view": "admin:no-user-view", **(extra_context or {})}
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._valid_id_or_404(self.model, object_id)
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied("Reverting is not available here.")
        history_model = getattr(self.model, self.model._meta.simple_history_manager_attribute).model
        self._valid_id_or_404(history_model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(RestrictedPhrase)
class RestrictedPhraseAdmin(HistoryAdmin):
    list_display = ["phrase", "label", "severity", "is_regex", "rule", "suggestion", "is_active"]
    list_filter = ["severity", "is_active", "is_regex"]
    search_fields = ["phrase", "label", "reason", "rule", "suggestion"]
    fieldsets = [
        (None, {"fields": ["phrase", "is_regex", "label", "severity", "is_active"]}),
        ("Why, and what to write instead", {"fields": ["reason", "rule", "suggestion"]}),
    ]


@admin.register(SiteSettings)
class SiteSettingsAdmin(HistoryAdmin):
    """One row: the list page goes straight to it."""

    fieldsets = [
        (
            "Health texts",
            {
                "fields": [
                    ("disclaimer", "disclaimer_hi"),
                    ("age_restricted_notice", "age_restricted_notice_hi"),
                ]
            },
        ),
        (
            "The brand's statutory details",
            {
                "fields": [
                    "manufacturer_name",
                    "manufacturer_address",
                    "marketer_name",
                    "marketer_address",
                    "country_of_origin",
                ],
                "description": "Shown on every product page unless a product names its own.",
            },
        ),
        (
            "Consumer care",
            {
                "fields": [
                    "consumer_care_phone",
                    "consumer_care_email",
                    "consumer_care_hours",
                    "consumer_care_address",
                ]
            },
        ),
        (
            "Grievance officer",
            {
                "fields": [
                    "grievance_officer_name",
                    "grievance_officer_designation",
                    "grievance_officer_email",
                    "grievance_officer_phone",
                    "grievance_acknowledge_hours",
                    "grievance_resolve_days",
                ],
                "description": "Shown on the grievance officer page (Consumer Protection "
                "(E-Commerce) Rules 2020).",
            },
        ),
        (
            "Returns",
            {
                "fields": list(SiteSettings.return_fields),
                "description": "Shown on the returns page and read by search engines "
                "(the shop's return policy). Describe the details on the returns page.",
            },
        ),
    ]

    def changelist_view(self, request, extra_context=None):
        SiteSettings.objects.get_or_create(pk=1)
        return HttpResponseRedirect(reverse("admin:compliance_sitesettings_change", args=[1]))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Revision, RevisionAdmin)
