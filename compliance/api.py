"""The publishing workflow's pieces for the API: serializer mixins the apps' writes use."""

from django.utils import timezone
from rest_framework import exceptions, serializers

from core.api.fields import FullCleanMixin


def requested_status(request):
    """The publication status a write asks for, if it names one."""
    data = request.data
    return data.get("status") if hasattr(data, "get") else None


def require_publish_permission(user, model, status_value) -> None:
    """Only claims reviewers (the model's publish permission) may publish: anyone else
    is refused with 403 and told how to proceed."""
    from compliance.models import PublicationStatus
    from compliance.services import PUBLISH_ONLY_REVIEWERS

    opts = model._meta
    if status_value == PublicationStatus.PUBLISHED and not user.has_perm(
        f"{opts.app_label}.publish_{opts.model_name}"
    ):
        raise exceptions.PermissionDenied(PUBLISH_ONLY_REVIEWERS)


class PublishingWorkflowMixin(FullCleanMixin, serializers.Serializer):
    """Products and articles: the compliance workflow the admin runs. Only reviewers
    publish or change live text; flagged phrases go live only with ``claims_sign_off``;
    an approving save records who approved it."""

    claims_sign_off = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Claims reviewers: approve the flagged phrases and let this go live with them.",
    )
    approving = False

    def review(self, instance, attrs) -> None:
        from compliance.services import review_change

        previous = (
            type(instance)._default_manager.filter(pk=instance.pk).first() if instance.pk else None
        )
        self.approving = review_change(
            instance=instance,
            previous=previous,
            user=self.request_user,
            signed_off=attrs.get("claims_sign_off", False),
        )

    def save(self, **kwargs):
        self.validated_data.pop("claims_sign_off", None)
        if self.approving:
            kwargs |= {"approved_by": self.request_user, "approved_at": timezone.now()}
        return super().save(**kwargs)


class ReviewedChildMixin(FullCleanMixin):
    """Rows shoppers read on a live parent's page (exercises, link notes) change only
    on a claims reviewer's authority, as in the admin."""

    parent_field = "article"

    def review(self, instance, attrs) -> None:
        check_live_parent(getattr(instance, self.parent_field, None), self.request_user)
        if self.instance is not None and self.parent_field in attrs:
            previous_parent = getattr(
                type(self.instance)._default_manager.get(pk=self.instance.pk), self.parent_field
            )
            check_live_parent(previous_parent, self.request_user)


def check_live_parent(parent, user) -> None:
    from compliance.services import check_child_edit

    check_child_edit(parent=parent, user=user)
