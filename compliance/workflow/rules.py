"""Who may do what to reviewed content: the facts about an item, the claims guard over
its whole content, and the checks every change passes. No effects here."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from compliance.claims import Finding, active_phrases
from compliance.models import PublicationStatus, Revision, Severity
from core import snapshots

UNSET = object()
EARLIEST_PUBLICATION = datetime(2000, 1, 1, tzinfo=timezone.get_fixed_timezone(0))
LATEST_SCHEDULE = timedelta(days=5 * 366)

PUBLISH_ONLY_REVIEWERS = (
    "Only a claims reviewer can publish. Set the status to \u201cIn review\u201d and a "
    "reviewer will approve it."
)
UNPUBLISH_ONLY_REVIEWERS = (
    "Only a claims reviewer can take a live item back to draft or review. To take it off "
    "sale, archive it."
)
ARCHIVE_ONLY_APPROVED = (
    "Only an item that has been live can be archived: an archived page shows its last "
    "approved version, and this one has none."
)
SCHEDULE_ONLY_REVIEWERS = (
    "Only a claims reviewer can move the publication time of a scheduled or live item."
)
SIGN_OFF_NEEDED = (
    "Flagged phrases need a claims reviewer's sign-off before this goes live: {phrases}. "
    "Reword them, or tick \u201cSign off flagged claims\u201d."
)
ONLY_REVIEWERS_ADD = (
    "A new {noun} is shown to shoppers at once, so only a claims reviewer can add one."
)


# --- Errors ------------------------------------------------------------------------------
class Refused(ValidationError):
    """A change the workflow does not allow; ``http_status`` says how the API answers."""

    http_status = 400

    def __init__(self, message, code="refused", field=None):
        super().__init__({field or NON_FIELD_ERRORS: [message]}, code=code)
        self.code = code


class NotAllowed(Refused):
    http_status = 403


class Conflict(Refused):
    """The change was based on a version that is no longer current."""

    http_status = 412


class Stale(Refused):
    """A revision that can no longer be approved."""

    http_status = 409


# --- Facts about items ---------------------------------------------------------------------
def spec_of(item) -> snapshots.ContentSpec:
    return type(item).content_spec


def is_publishable(item) -> bool:
    return hasattr(item, "status")


def is_reviewer(user, item_or_model) -> bool:
    """Claims reviewers hold the model's ``publish_<model>`` permission."""
    opts = item_or_model._meta
    return bool(
        user and user.is_active and user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")
    )


def is_approved_state(status) -> bool:
    """Whether an item in ``status`` shows (or will show) approved content to shoppers."""
    return status in (PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED)


def is_shown(item) -> bool:
    """Its content has been approved and shoppers read it (or will, when scheduled)."""
    return is_approved_state(item.status) if is_publishable(item) else bool(item.pk)


def revisions_of(item):
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk
    )


def latest_revision(item) -> Revision | None:
    return revisions_of(item).order_by("-pk").select_related("created_by", "reviewed_by").first()


def edit_token(item, latest: Revision | object | None = UNSET) -> str:
    """The version an editor starts from: the live content's version and the latest
    revision's id and state. Direct values (prices, stock) are not part of it."""
    if latest is UNSET:
        latest = latest_revision(item)
    if latest is None:
        return f"{item.content_version}"
    return f"{item.content_version}.{latest.pk}.{latest.status}"


def open_revision(item, latest: Revision | object | None = UNSET) -> Revision | None:
    """The revision an editor continues from: the latest one, while it waits for review
    or was sent back, and is still based on the live version."""
    if latest is UNSET:
        latest = latest_revision(item)
    if (
        latest is not None
        and latest.status in (Revision.Status.PENDING, Revision.Status.REJECTED)
        and latest.base_version == item.content_version
    ):
        return latest
    return None


def pending_revision(item) -> Revision | None:
    latest = open_revision(item)
    return latest if latest is not None and latest.status == Revision.Status.PENDING else None


def current_content(item) -> tuple[dict, Revision | None]:
    """The content an editor sees: the open revision's, else the live row's."""
    revision = open_revision(item)
    if revision is not None:
        return copy.deepcopy(revision.content), revision
    return snapshots.capture(item, spec_of(item)), None


def state_label(item) -> str:
    """Draft, In review, Live, Scheduled for <time>, or Archived."""
    if not is_publishable(item):
        return "Live"
    if item.status == PublicationStatus.PUBLISHED:
        if item.published_at and item.published_at > timezone.now():
            when = date_format(timezone.localtime(item.published_at), "DATETIME_FORMAT")
            return f"Scheduled for {when}"
        return "Live"
    return item.get_status_display()


# --- Claims --------------------------------------------------------------------------------
def content_findings(item, content: dict, phrases=None) -> list[Finding]:
    """Restricted phrases in ``content`` as shoppers would read it: the item's own text
    and every child row's."""
    built = snapshots.materialize(item, spec_of(item), content)
    phrases = active_phrases() if phrases is None else phrases
    findings = list(built.obj.claims_findings(phrases))
    for relation, rows in built.children.items():
        noun = spec_of(item).child(relation).label or relation
        for child in rows:
            if hasattr(child, "claims_findings"):
                findings += [
                    replace(
                        f,
                        field=f"{relation}.{f.field}",
                        field_label=f"{f.field_label} of {noun} \u201c{child}\u201d",
                    )
                    for f in child.claims_findings(phrases)
                ]
    return findings


def sign_off_key(finding: Finding) -> str:
    return f"{finding.phrase}\u241f{finding.matched.casefold()}"


def unsigned_warnings(item, findings: list[Finding]) -> list[Finding]:
    """Warned phrases not yet signed off for this item's live version."""
    signed = set(getattr(item, "claims_signed_off", None) or [])
    return [f for f in findings if f.severity == Severity.WARN and sign_off_key(f) not in signed]


def sign_off_needed(warnings: list[Finding]) -> str:
    return SIGN_OFF_NEEDED.format(
        phrases=", ".join(sorted({f"\u201c{f.matched}\u201d" for f in warnings}))
    )


def refuse_blocked(findings: list[Finding]) -> None:
    blocked = [f for f in findings if f.severity == Severity.BLOCK]
    if blocked:
        raise ValidationError(
            {NON_FIELD_ERRORS: [f.message for f in blocked]}, code="restricted_claim"
        )


# --- Rules ---------------------------------------------------------------------------------
def check_transition(item, old, new, user) -> None:
    """Who may move an item from status ``old`` to ``new`` (``old`` None: creating it)."""
    if old == new:
        return
    reviewer = is_reviewer(user, item)
    published, archived = PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED
    if new == published and not reviewer:
        raise NotAllowed(PUBLISH_ONLY_REVIEWERS, "publish_forbidden", "status")
    if new == archived and old != published:
        raise Refused(ARCHIVE_ONLY_APPROVED, "archive_unapproved", "status")
    if old == published and new != archived and not reviewer:
        raise NotAllowed(UNPUBLISH_ONLY_REVIEWERS, "unpublish_forbidden", "status")


def check_publication_time(value) -> None:
    """Publication times are bounded: not before 2000, at most five years ahead."""
    if value is None:
        return
    if value < EARLIEST_PUBLICATION or value > timezone.now() + LATEST_SCHEDULE:
        raise Refused(
            "Choose a publication time between 1 January 2000 and five years from now.",
            "publication_time_out_of_range",
            "published_at",
        )


def same_time(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return a.replace(microsecond=0) == b.replace(microsecond=0)


def check_rescheduling(item, old_status, old_time, new_time, user) -> None:
    """Moving the publication time of a scheduled or live item is a publishing act."""
    if (
        old_status == PublicationStatus.PUBLISHED
        and not same_time(old_time, new_time)
        and not is_reviewer(user, item)
    ):
        raise NotAllowed(SCHEDULE_ONLY_REVIEWERS, "reschedule_forbidden", "published_at")


def check_token(item, token: str | None) -> None:
    """Refuse a change based on a version other than the current one."""
    if token is None:
        return
    latest = latest_revision(item)
    if token == edit_token(item, latest):
        return
    raise Conflict(conflict_message(item, latest), "conflict")


def conflict_message(item, latest: Revision | None) -> str:
    what = "This was changed by someone else after you opened it"
    if latest is not None and latest.status == Revision.Status.REJECTED:
        what = (
            f"{latest.reviewed_by or 'A reviewer'} sent the waiting changes back after you "
            f"opened this: \u201c{latest.comment}\u201d"
        )
    elif latest is not None:
        who = latest.reviewed_by if latest.status == Revision.Status.APPROVED else latest.created_by
        when = date_format(
            timezone.localtime(latest.reviewed_at or latest.created_at), "DATETIME_FORMAT"
        )
        what = f"{what} ({who or 'someone'}, {when})"
    return (
        f"{what}. Nothing was saved. Your text is still in the form: reopen the page in a "
        "new tab to see the current version, then bring your changes over and save again."
    )


def check_delete(item, user) -> str | None:
    """Why ``item`` may not be deleted, or None."""
    if is_publishable(item) and item.status == PublicationStatus.PUBLISHED:
        return (
            f"\u201c{item}\u201d is live or scheduled: archive it to take it off sale (its page "
            "stays, marked as no longer sold), or ask a claims reviewer to unpublish it first."
        )
    in_use = getattr(item, "shown_with", lambda: [])()
    if in_use:
        return (
            f"\u201c{item}\u201d is shown with live content ({', '.join(in_use)}): move those "
            "to another one first."
        )
    return None


def check_create(model, status, user) -> None:
    """Who may create an item of ``model`` with ``status`` (None: it has no status)."""
    if status is None:
        if not is_reviewer(user, model):
            raise NotAllowed(
                ONLY_REVIEWERS_ADD.format(noun=model._meta.verbose_name), "add_forbidden"
            )
        return
    probe = model()
    check_transition(probe, None, status, user)


def validate_content(item, content: dict, *, status=UNSET, published_at=UNSET) -> None:
    """The model rules (field validators, clean(), the claims guard, unique values) on
    ``content`` as it would be saved; raise ValidationError naming what is wrong."""
    built = snapshots.materialize(item, spec_of(item), content)
    obj = built.obj
    if status is not UNSET:
        obj.status = status
    if published_at is not UNSET:
        obj.published_at = published_at
    errors: dict[str, list[str]] = {}
    try:
        obj.full_clean(validate_constraints=True)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    for relation, rows in built.children.items():
        child_spec = spec_of(item).child(relation)
        parent_fk = type(obj)._meta.get_field(relation).field.name
        for child in rows:
            try:
                child.full_clean(exclude=[parent_fk], validate_unique=child.pk is None)
            except ValidationError as exc:
                noun = child_spec.label or child._meta.verbose_name
                for name, messages in exc.message_dict.items():
                    where = "" if name == NON_FIELD_ERRORS else f" ({name.replace('_', ' ')})"
                    errors.setdefault(NON_FIELD_ERRORS, []).extend(
                        f"{noun.capitalize()} \u201c{child}\u201d{where}: {m}" for m in messages
                    )
    errors.setdefault(NON_FIELD_ERRORS, []).extend(_duplicate_rows(obj, built.children))
    for name, ids in built.m2m.items():
        related = type(obj)._meta.get_field(name).related_model
        missing = set(ids) - set(
            related._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
        )
        if missing:
            label = type(obj)._meta.get_field(name).verbose_name
            errors.setdefault(name, []).append(
                f"Some {label} chosen here no longer exist; choose them again."
            )
    if not errors.get(NON_FIELD_ERRORS):
        errors.pop(NON_FIELD_ERRORS, None)
    clean_children = getattr(obj, "clean_children", None)
    if clean_children is not None:
        try:
            clean_children(built.children)
        except ValidationError as exc:
            errors.setdefault(NON_FIELD_ERRORS, []).extend(exc.messages)
    problems = publication_problems(obj, built.children)
    if problems:
        errors.setdefault(NON_FIELD_ERRORS, []).extend(problems)
    if errors:
        raise ValidationError(errors)


def publication_problems(obj, children: dict) -> list[str]:
    """What an item about to be shown must still have (a product's statutory
    declarations, say): its model's ``publication_problems(children)``, asked only when
    the item is, or goes, live."""
    check = getattr(obj, "publication_problems", None)
    if check is None or getattr(obj, "status", None) != PublicationStatus.PUBLISHED:
        return []
    return check(children)


def check_publishable(item, content: dict) -> None:
    """Refuse to show ``item`` with ``content`` while it lacks what it must have."""
    built = snapshots.materialize(item, spec_of(item), content)
    built.obj.status = getattr(item, "status", None)
    problems = publication_problems(built.obj, built.children)
    if problems:
        raise Refused(" ".join(problems), "publication_incomplete")


def _duplicate_rows(obj, children: dict) -> list[str]:
    """Rows that would break a uniqueness rule among the item's own rows (the same
    product recommended twice, say)."""
    problems = []
    for relation, rows in children.items():
        parent_fk = type(obj)._meta.get_field(relation).field.name
        child_model = type(obj)._meta.get_field(relation).related_model
        for constraint in child_model._meta.constraints:
            fields = list(getattr(constraint, "fields", ()) or ())
            if parent_fk not in fields or getattr(constraint, "condition", None) is not None:
                continue
            others = [child_model._meta.get_field(f).attname for f in fields if f != parent_fk]
            seen = set()
            for child in rows:
                key = tuple(getattr(child, name) for name in others)
                if key in seen:
                    problems.append(f"\u201c{child}\u201d is listed twice.")
                seen.add(key)
    return problems


def check_approvable(item, revision: Revision) -> None:
    latest = latest_revision(item)
    if revision.status == Revision.Status.SUPERSEDED and latest is not None:
        raise Stale(
            f"A newer revision (#{latest.pk}, by {latest.created_by or 'someone'}) replaced "
            "this one after it was made: review that one instead.",
            "not_latest",
        )
    if revision.status != Revision.Status.PENDING:
        raise Stale(
            f"This revision is {revision.get_status_display().lower()}, not waiting for review.",
            "not_pending",
        )
    if latest is not None and latest.pk != revision.pk:
        raise Stale(
            f"A newer revision (#{latest.pk}, by {latest.created_by or 'someone'}) replaced "
            "this one after it was made: review that one instead.",
            "not_latest",
        )
    if revision.base_version != item.content_version:
        raise Stale(
            "The live version changed after this revision was made, so approving it would "
            "undo that change. Send it back so it can be made again on the current version.",
            "base_changed",
        )
