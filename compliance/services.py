"""The publishing workflow, shared by the admin, the API and the commands.

Rules (documented in the README):
- Only users with the model's ``publish_<model>`` permission (the "Claims reviewers")
  can move an item to published. Publishing records who approved it and when.
- A live item's shopper-visible text (its own, or its exercises' and links') can only be
  changed by a reviewer. Anyone else's edit is refused with a message that says how to
  proceed: ask a reviewer, or move the item back to review (off the site) first.
- Warned phrases may be saved, but the item goes live only with a reviewer's explicit
  sign-off of the flagged phrases.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone

from compliance.claims import Finding
from compliance.models import PublicationStatus, Severity

PUBLISH_ONLY_REVIEWERS = (
    "Only a claims reviewer can publish. Set the status to \u201cIn review\u201d and a "
    "reviewer will approve it."
)
LIVE_TEXT_NEEDS_REVIEWER = (
    "This is live, so changes to what shoppers read must be approved by a claims reviewer. "
    "Ask a reviewer to make the change, or set the status to \u201cIn review\u201d to take it "
    "off the site while you edit."
)
SIGN_OFF_NEEDED = (
    "Flagged phrases need a claims reviewer's sign-off before this goes live: {phrases}. "
    "Reword them, or tick \u201cSign off flagged claims\u201d."
)


def may_publish(user: AbstractBaseUser | AnonymousUser, instance: models.Model) -> bool:
    opts = instance._meta
    return bool(user and user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"))


def item_findings(instance) -> list[Finding]:
    """Findings for an item's own text and for the children shoppers read with it."""
    findings = instance.claims_findings()
    for child in getattr(instance, "claims_children", lambda: [])():
        findings += child.claims_findings()
    return findings


def item_warnings(instance) -> list[Finding]:
    return [f for f in item_findings(instance) if f.severity == Severity.WARN]


def texts_changed(instance, previous) -> bool:
    return previous is None or instance.claims_texts() != previous.claims_texts()


def review_change(
    *,
    instance,
    previous,
    user,
    signed_off: bool = False,
    children_changed: bool = False,
) -> bool:
    """Check a save against the workflow; raise ValidationError with the reasons.

    Returns True when the save is an approval to record (a reviewer publishing, or a
    reviewer changing a live item's text).
    """
    going_live = instance.status == PublicationStatus.PUBLISHED
    was_live = previous is not None and previous.status == PublicationStatus.PUBLISHED
    changed = texts_changed(instance, previous) or children_changed
    reviewer = may_publish(user, instance)
    if going_live and not was_live and not reviewer:
        raise ValidationError({"status": PUBLISH_ONLY_REVIEWERS}, code="publish_forbidden")
    if going_live and was_live and changed and not reviewer:
        raise ValidationError({NON_FIELD_ERRORS: LIVE_TEXT_NEEDS_REVIEWER}, code="live_edit")
    approving = going_live and (not was_live or changed)
    if approving:
        warnings = item_warnings(instance)
        if warnings and not signed_off:
            raise ValidationError({"status": sign_off_needed(warnings)}, code="sign_off_needed")
    return approving


def sign_off_needed(warnings: list[Finding]) -> str:
    """The message for flagged phrases that still await a reviewer's sign-off."""
    return SIGN_OFF_NEEDED.format(
        phrases=", ".join(sorted({f"\u201c{f.matched}\u201d" for f in warnings}))
    )


def check_child_edit(*, parent, user) -> None:
    """A row shoppers read with its parent (an exercise, a link's note) changes on a live
    parent only on a claims reviewer's authority."""
    if (
        parent is not None
        and parent.status == PublicationStatus.PUBLISHED
        and not may_publish(user, parent)
    ):
        raise ValidationError({NON_FIELD_ERRORS: LIVE_TEXT_NEEDS_REVIEWER}, code="live_edit")


def record_approval(instance, user) -> None:
    instance.approved_by = user
    instance.approved_at = timezone.now()


def item_publish(*, instance, user, signed_off: bool = False, when=None) -> None:
    """Publish ``instance`` now (or at ``when``) on a reviewer's authority."""
    previous = type(instance)._default_manager.get(pk=instance.pk)
    instance.status = PublicationStatus.PUBLISHED
    instance.published_at = when or instance.published_at or timezone.now().replace(microsecond=0)
    if review_change(instance=instance, previous=previous, user=user, signed_off=signed_off):
        record_approval(instance, user)
    instance.full_clean()
    instance.save()
