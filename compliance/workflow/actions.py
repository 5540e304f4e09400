"""What a change does: applying content, keeping revisions, stamping approvals and
recording history, each after the checks in ``rules``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from compliance.models import PublicationStatus, Revision, Severity
from compliance.workflow.rules import (
    UNSET,
    NotAllowed,
    Refused,
    Stale,
    check_approvable,
    check_publication_time,
    check_publishable,
    check_rescheduling,
    check_token,
    check_transition,
    content_findings,
    current_content,
    is_publishable,
    is_reviewer,
    is_shown,
    refuse_blocked,
    revisions_of,
    same_time,
    sign_off_key,
    sign_off_needed,
    spec_of,
    unsigned_warnings,
    validate_content,
)
from core import snapshots


# --- Effects -------------------------------------------------------------------------------
@dataclass
class Outcome:
    """What a change did: ``applied`` (live, or a draft's row), ``pending`` (a revision
    waits for review) or ``unchanged``."""

    kind: str
    revision: Revision | None = None
    changes: list[snapshots.Change] = field(default_factory=list)
    created: dict[str, list] = field(default_factory=dict)

    @property
    def pending(self) -> bool:
        return self.kind == "pending"

    @property
    def changed_labels(self) -> list[str]:
        return list(dict.fromkeys(c.label for c in self.changes))


def _lock(item):
    return type(item)._default_manager.select_for_update().get(pk=item.pk)


def _close_open_revisions(item, status, by=None, keep=None) -> None:
    open_ = revisions_of(item).filter(
        status__in=[Revision.Status.PENDING, Revision.Status.REJECTED]
    )
    if keep is not None:
        open_ = open_.exclude(pk=keep.pk)
    open_.filter(status=Revision.Status.PENDING).update(status=status)
    open_.filter(status=Revision.Status.REJECTED).update(status=Revision.Status.SUPERSEDED)


def _new_revision(item, content, user, changes, *, status=Revision.Status.PENDING, **extra):
    _close_open_revisions(item, Revision.Status.SUPERSEDED)
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=item.pk,
        object_repr=str(item)[:200],
        content=content,
        base_version=item.content_version,
        changed=list(dict.fromkeys(c.label for c in changes)),
        status=status,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        **extra,
    )


def _apply_direct(item, direct: dict | None, user=None) -> list[models.Model]:
    """Direct values of existing children (``{relation: {pk: {field: value}}}``), saved at
    once after their own validation."""
    saved = []
    for relation, rows in (direct or {}).items():
        for pk, values in rows.items():
            child = getattr(item, relation).filter(pk=pk).first()
            if child is None:
                continue
            changed = [name for name, value in values.items() if getattr(child, name) != value]
            if not changed:
                continue
            for name in changed:
                setattr(child, name, values[name])
            child.full_clean(validate_unique=True)
            _history_by(user)(child)
            child.save(update_fields=changed)
            saved.append(child)
    return saved


def _stamp_approval(item, user, findings) -> None:
    item.approved_by = user
    item.approved_at = timezone.now()
    item.claims_signed_off = sorted(
        {sign_off_key(f) for f in findings if f.severity == Severity.WARN}
    )


def submit(
    *,
    item,
    user,
    content: dict | None = None,
    status=UNSET,
    published_at=UNSET,
    token: str | None = None,
    signed_off: bool = False,
    direct: dict | None = None,
) -> Outcome:
    """A change to an existing item, from any door.

    ``content`` is the whole proposed content (a snapshot; None leaves it as it is),
    ``status`` and ``published_at`` the requested workflow values, ``token`` the version
    the change was based on, ``signed_off`` a reviewer's sign-off of flagged phrases and
    ``direct`` changes to direct values of existing children.
    """
    with transaction.atomic():
        live_item = _lock(item)
        check_token(live_item, token)
        spec = spec_of(live_item)
        model = type(live_item)
        live = snapshots.capture(live_item, spec)
        latest, open_rev = current_content(live_item)
        proposed = latest if content is None else content
        publishable = is_publishable(live_item)
        old_status = live_item.status if publishable else None
        new_status = old_status if status is UNSET or status is None else status
        old_time = live_item.published_at if publishable else None
        new_time = old_time if published_at is UNSET else published_at
        if publishable:
            check_transition(live_item, old_status, new_status, user)
            if not same_time(old_time, new_time):
                check_publication_time(new_time)
            check_rescheduling(live_item, old_status, old_time, new_time, user)
        reviewer = is_reviewer(user, live_item)
        shown = is_shown(live_item)
        changes = snapshots.diff(model, spec, live, proposed)
        status_changed = publishable and (
            new_status != old_status or not same_time(old_time, new_time)
        )
        findings = content_findings(live_item, proposed)
        if changes or status_changed:
            # Live content was checked when it was approved: a price change alone is
            # never held up by text that a newer phrase list flags (check_claims says).
            refuse_blocked(findings)
            validate_content(
                live_item,
                proposed,
                status=new_status if publishable else UNSET,
                published_at=new_time if publishable else UNSET,
            )
        direct_saved = bool(_apply_direct(live_item, direct, user))

        if shown and not reviewer:
            if status_changed:
                live_item.status = new_status
                _history_by(user)(live_item)
                live_item.save(update_fields=["status"])
                _refresh(item, live_item)
            kind = "applied" if status_changed or direct_saved else "unchanged"
            if not changes:
                if open_rev is not None and not snapshots.same_content(
                    model, spec, latest, proposed
                ):
                    _close_open_revisions(live_item, Revision.Status.WITHDRAWN)
                return Outcome(kind)
            if open_rev is not None and snapshots.same_content(
                model, spec, open_rev.content, proposed
            ):
                return Outcome(kind)  # nothing new: the waiting changes stay as they are
            revision = _new_revision(live_item, proposed, user, changes)
            return Outcome("pending", revision, changes)

        going_live = (
            new_status == PublicationStatus.PUBLISHED
            and (old_status != PublicationStatus.PUBLISHED or bool(changes))
            if publishable
            else bool(changes)
        )
        approving = going_live or (shown and bool(changes))
        if approving:
            warnings = unsigned_warnings(live_item, findings)
            if warnings and not signed_off:
                raise Refused(
                    sign_off_needed(warnings), "sign_off_needed", "status" if publishable else None
                )
        if publishable:
            live_item.status = new_status
            live_item.published_at = new_time
        if approving:
            _stamp_approval(live_item, user, findings)
        created = {}
        if changes:
            live_item.content_version += 1
            try:
                with transaction.atomic():
                    created = snapshots.apply(
                        live_item, spec, proposed, before_save=_history_by(user)
                    )
            except IntegrityError as exc:
                raise Refused(
                    "This conflicts with data saved meanwhile (a value that must be unique "
                    "is taken). Nothing was saved.",
                    "conflict",
                ) from exc
        elif (
            publishable and (new_status != old_status or not same_time(old_time, new_time))
        ) or approving:
            _history_by(user)(live_item)
            live_item.save()
        revision = None
        if approving:
            revision = _record_approval(live_item, proposed, user, changes, open_rev, signed_off)
        elif (
            publishable
            and new_status == PublicationStatus.IN_REVIEW
            and (changes or old_status != new_status)
        ):
            revision = _new_revision(live_item, snapshots.capture(live_item, spec), user, changes)
        elif publishable and new_status == PublicationStatus.DRAFT and old_status != new_status:
            _close_open_revisions(live_item, Revision.Status.WITHDRAWN)
        if not changes and not revision and not status_changed:
            return Outcome("applied" if direct_saved else "unchanged")
        _refresh(item, live_item)
        return Outcome("applied", revision, changes, created)


def _history_by(user):
    """Records ``user`` in the history of what is saved, in requests or not."""

    def mark(instance):
        if getattr(user, "is_authenticated", False):
            instance._history_user = user

    return mark


def _refresh(item, source) -> None:
    """The caller's instance takes the saved values (and forgets cached relations)."""
    item.__dict__.update({k: v for k, v in source.__dict__.items() if not k.startswith("_")})
    item._state.fields_cache = {}
    item.__dict__.pop("_prefetched_objects_cache", None)


def _record_approval(item, content, user, changes, open_rev, signed_off) -> Revision:
    """The approved version, kept as a revision: the one that waited when the reviewer
    approved it unchanged, or a new one for a reviewer's own change."""
    now = timezone.now()
    if (
        open_rev is not None
        and open_rev.status == Revision.Status.PENDING
        and snapshots.same_content(type(item), spec_of(item), open_rev.content, content)
    ):
        _close_open_revisions(item, Revision.Status.SUPERSEDED, keep=open_rev)
        open_rev.status = Revision.Status.APPROVED
        open_rev.reviewed_by, open_rev.reviewed_at = user, now
        open_rev.signed_off = item.claims_signed_off if signed_off else []
        open_rev.save(update_fields=["status", "reviewed_by", "reviewed_at", "signed_off"])
        return open_rev
    base = item.content_version - (1 if changes else 0)
    revision = _new_revision(
        item,
        content,
        user,
        changes,
        status=Revision.Status.APPROVED,
        reviewed_by=user,
        reviewed_at=now,
        signed_off=item.claims_signed_off if signed_off else [],
    )
    Revision.objects.filter(pk=revision.pk).update(base_version=base)
    revision.base_version = base
    return revision


def approve(*, revision: Revision, user, signed_off: bool = False) -> Outcome:
    """A claims reviewer approves exactly this revision: its content goes live (a draft or
    an item in review is published with it)."""
    item = revision.item
    if item is None:
        raise Stale("The item of this revision has been deleted.", "item_deleted")
    if not is_reviewer(user, item):
        raise NotAllowed("Only a claims reviewer can approve changes.", "approve_forbidden")
    with transaction.atomic():
        live_item = _lock(item)
        revision = Revision.objects.select_for_update().get(pk=revision.pk)
        check_approvable(live_item, revision)
        status = UNSET
        if is_publishable(live_item) and live_item.status in (
            PublicationStatus.DRAFT,
            PublicationStatus.IN_REVIEW,
        ):
            status = PublicationStatus.PUBLISHED
        outcome = submit(
            item=live_item,
            user=user,
            content=revision.content,
            status=status,
            signed_off=signed_off,
        )
        revision.refresh_from_db()
        if revision.status != Revision.Status.APPROVED:
            _close_open_revisions(live_item, Revision.Status.SUPERSEDED, keep=revision)
            revision.status = Revision.Status.APPROVED
            revision.reviewed_by, revision.reviewed_at = user, timezone.now()
            revision.signed_off = live_item.claims_signed_off if signed_off else []
            revision.save(update_fields=["status", "reviewed_by", "reviewed_at", "signed_off"])
        _refresh(item, live_item)
        return Outcome("applied", revision, outcome.changes, outcome.created)


def send_back(*, revision: Revision, user, comment: str) -> Revision:
    """A claims reviewer returns a revision to its author with a comment; an item in
    review goes back to draft."""
    item = revision.item
    if item is None:
        raise Stale("The item of this revision has been deleted.", "item_deleted")
    if not is_reviewer(user, item):
        raise NotAllowed("Only a claims reviewer can send changes back.", "reject_forbidden")
    comment = (comment or "").strip()
    if not comment:
        raise Refused(
            "Say what needs to change, so the author knows.", "comment_required", "comment"
        )
    with transaction.atomic():
        live_item = _lock(item)
        revision = Revision.objects.select_for_update().get(pk=revision.pk)
        if revision.status != Revision.Status.PENDING:
            raise Stale(
                f"This revision is {revision.get_status_display().lower()}, not waiting for "
                "review.",
                "not_pending",
            )
        revision.status = Revision.Status.REJECTED
        revision.reviewed_by, revision.reviewed_at = user, timezone.now()
        revision.comment = comment
        revision.save(update_fields=["status", "reviewed_by", "reviewed_at", "comment"])
        if is_publishable(live_item) and live_item.status == PublicationStatus.IN_REVIEW:
            live_item.status = PublicationStatus.DRAFT
            _history_by(user)(live_item)
            live_item.save(update_fields=["status"])
    return revision


def withdraw(*, revision: Revision, user) -> Revision:
    """The waiting changes are dropped (by anyone who may change the item)."""
    with transaction.atomic():
        revision = Revision.objects.select_for_update().get(pk=revision.pk)
        if revision.status not in (Revision.Status.PENDING, Revision.Status.REJECTED):
            raise Stale("There are no waiting changes to drop.", "not_pending")
        revision.status = Revision.Status.WITHDRAWN
        revision.reviewed_by, revision.reviewed_at = user, timezone.now()
        revision.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        item = revision.item
        if item is not None and is_publishable(item) and item.status == PublicationStatus.IN_REVIEW:
            item.status = PublicationStatus.DRAFT
            _history_by(user)(item)
            item.save(update_fields=["status"])
    return revision


def created(*, item, user, signed_off: bool = False) -> Outcome:
    """Effects of creating an item (after its row and children are saved): a reviewer's
    publication is approved and recorded; an item created in review waits for one."""
    spec = spec_of(item)
    content = snapshots.capture(item, spec)
    findings = content_findings(item, content)
    refuse_blocked(findings)
    status = item.status if is_publishable(item) else None
    if status == PublicationStatus.PUBLISHED:
        check_publishable(item, content)
    if status == PublicationStatus.PUBLISHED or status is None:
        warnings = unsigned_warnings(item, findings)
        if warnings and not signed_off:
            raise Refused(
                sign_off_needed(warnings), "sign_off_needed", "status" if status else None
            )
        _stamp_approval(item, user, findings)
        type(item)._default_manager.filter(pk=item.pk).update(
            approved_by=user, approved_at=item.approved_at, claims_signed_off=item.claims_signed_off
        )
        revision = _new_revision(
            item,
            content,
            user,
            [],
            status=Revision.Status.APPROVED,
            reviewed_by=user,
            reviewed_at=item.approved_at,
            signed_off=item.claims_signed_off if signed_off else [],
        )
        return Outcome("applied", revision)
    if status == PublicationStatus.IN_REVIEW:
        return Outcome("pending", _new_revision(item, content, user, []))
    return Outcome("applied")


# --- Child rows ----------------------------------------------------------------------------
def child_content(parent, relation: str) -> tuple[dict, list[dict]]:
    content, _ = current_content(parent)
    return content, content["children"].setdefault(relation, [])


@transaction.atomic
def change_child(
    *,
    parent,
    relation: str,
    user,
    pk=None,
    values: dict | None = None,
    delete: bool = False,
    token: str | None = None,
) -> Outcome:
    """Add (``pk`` None), change or delete one child row of ``parent`` (an exercise, a
    link, a pack, an image), through the same rules as a change made on the parent's
    page. ``values`` are field values by name (foreign keys as ids)."""
    spec = spec_of(parent).child(relation)
    values = dict(values or {})
    child_model = type(parent)._meta.get_field(relation).related_model
    if (
        pk is not None
        and not delete
        and values
        and set(values) <= _attnames(child_model, spec.direct)
    ):
        with transaction.atomic():
            saved = _apply_direct(parent, {relation: {pk: values}}, user)
        return Outcome("applied" if saved else "unchanged")
    # The rows are read under the parent's lock: a change made meanwhile (another row
    # appended at the next position) is seen rather than overwritten.
    _refresh(parent, _lock(parent))
    content, rows = child_content(parent, relation)
    direct = {}
    if delete:
        kept = [row for row in rows if row["id"] != pk]
        if len(kept) == len(rows) and pk is not None:
            return Outcome("unchanged")
        rows[:] = kept
    elif pk is None:
        row = {"id": None}
        for name in (*spec.fields, *spec.direct):
            f = child_model._meta.get_field(name)
            value = values.get(name, values.get(f.attname, UNSET))
            if value is UNSET:
                value = f.get_default()
            row[name] = snapshots.encode(f, _holder(f, value))
        if spec.order_field and not row.get(spec.order_field):
            row[spec.order_field] = max((r.get(spec.order_field) or 0 for r in rows), default=0) + 1
        rows.append(row)
    else:
        row = next((r for r in rows if r["id"] == pk), None)
        if row is None:
            raise Refused(
                "This row is removed in the changes waiting for review; it cannot be edited.",
                "removed_in_revision",
            )
        for name, value in values.items():
            f = child_model._meta.get_field(name)
            if name in spec.direct:
                direct.setdefault(relation, {}).setdefault(pk, {})[f.attname] = value
            elif name in spec.fields:
                row[name] = snapshots.encode(f, _holder(f, value))
    return submit(item=parent, user=user, content=content, direct=direct or None, token=token)


def _attnames(model, names) -> set[str]:
    return {n for name in names for n in (name, model._meta.get_field(name).attname)}


class _holder:
    """Lets ``snapshots.encode`` read one value as if from an instance."""

    def __init__(self, f, value):
        if (f.many_to_one or f.one_to_one) and isinstance(value, models.Model):
            value = value.pk
        setattr(self, f.attname, value)
