"""The review queue: what waits for a claims reviewer, and the page where one reads a
revision against the live version and approves it or sends it back."""

import difflib
import html

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from compliance import workflow
from compliance.revisions import Revision
from core import snapshots
from core.images import rendition_urls


class StatusFilter(admin.SimpleListFilter):
    """Waiting for review unless another status is asked for."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Revision.Status.choices, ("all", "All")]

    def choices(self, changelist):
        value = self.value() or Revision.Status.PENDING
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or Revision.Status.PENDING
        return queryset if value == "all" else queryset.filter(status=value)


def item_admin_url(revision) -> str | None:
    ct = revision.content_type
    try:
        return reverse(f"admin:{ct.app_label}_{ct.model}_change", args=[revision.object_id])
    except NoReverseMatch:
        return None


def words_diff(before, after) -> str:
    """Two texts, the words taken out struck through and the words put in marked."""
    old, new = str(before or "").split(" "), str(after or "").split(" ")
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(html.escape(" ".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{html.escape(' '.join(old[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{html.escape(' '.join(new[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts).replace("\n", "<br>"))


class ReviewPage:
    """What the review page shows for one revision."""

    def __init__(self, revision, user):
        self.revision = revision
        self.item = revision.item
        self.user = user

    def live_content(self):
        return snapshots.capture(self.item, workflow.spec_of(self.item))

    def first_publication(self) -> bool:
        return self.item is not None and not workflow.is_shown(self.item)

    def changes(self):
        if self.item is None:
            return []
        model = type(self.item)
        # An item never published has no live version: the whole content is new.
        blank = snapshots.capture(model(), workflow.spec_of(self.item))
        live = blank if self.first_publication() else self.live_content()
        return [
            self.describe(model, change)
            for change in snapshots.diff(
                model, workflow.spec_of(self.item), live, self.revision.content
            )
        ]

    def describe(self, model, change):
        """One change as rows a reviewer reads: field, before, after."""
        field_name = change.path.split(".")[-1]
        child_model = None
        if change.path.split(".")[0] in {c.relation for c in workflow.spec_of(self.item).children}:
            child_model = model._meta.get_field(change.path.split(".")[0]).related_model
        if change.kind in {"added", "removed"}:
            row = change.after if change.kind == "added" else change.before
            shown = self.row_html(child_model, row)
            return {
                "label": f"{change.label} {change.kind}",
                "before": shown if change.kind == "removed" else "",
                "after": shown if change.kind == "added" else "",
            }
        if change.kind == "moved":
            return {"label": change.label, "before": "earlier order", "after": "new order"}
        target = child_model or model
        try:
            f = target._meta.get_field(field_name)
        except Exception:
            f = None
        return {
            "label": change.label,
            "before": self.value_html(f, change.before, side="before", other=change.after),
            "after": self.value_html(f, change.after, side="after", other=change.before),
        }

    def value_html(self, f, value, *, side, other):
        if f is not None and (f.many_to_one or f.many_to_many):
            related = f.related_model
            ids = value if isinstance(value, list) else [value]
            names = [str(o) for o in related._default_manager.filter(pk__in=[i for i in ids if i])]
            return ", ".join(names) or "—"
        if f is not None and hasattr(f, "attr_class") and value:
            return self.file_html(value)
        if isinstance(value, str) and isinstance(other, str):
            if side == "before":
                return words_diff(value, value)
            return words_diff(other, value)
        return "—" if value in (None, "") else str(value)

    def file_html(self, name):
        from django.core.files.storage import default_storage

        return format_html(
            '<img src="{}" alt="" width="120" loading="lazy"> <span>{}</span>',
            default_storage.url(name),
            name.rsplit("/", 1)[-1],
        )

    def row_html(self, child_model, row):
        if row is None:
            return "—"
        parts = []
        for name, value in row.items():
            if name == "id" or value in (None, "", []):
                continue
            f = child_model._meta.get_field(name) if child_model else None
            if f is not None and hasattr(f, "attr_class"):
                parts.append((f.verbose_name, self.file_html(value)))
            elif f is not None and f.many_to_one:
                obj = f.related_model._default_manager.filter(pk=value).first()
                parts.append((f.verbose_name, str(obj) if obj else value))
            else:
                parts.append((f.verbose_name if f else name, value))
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", parts))

    def findings(self):
        if self.item is None:
            return []
        return workflow.content_findings(self.item, self.revision.content)

    def blocker(self) -> str | None:
        """Why this revision cannot be approved now, if it cannot."""
        if self.item is None:
            return "The item has been deleted."
        try:
            workflow.check_approvable(self.item, self.revision)
        except ValidationError as exc:
            return " ".join(exc.messages)
        return None


class RevisionAdmin(admin.ModelAdmin):
    """The review queue."""

    list_display = [
        "item_link",
        "kind",
        "what_changed",
        "asked",
        "flagged",
        "publication",
        "status",
    ]
    list_filter = [StatusFilter, "content_type"]
    search_fields = ["object_repr", "created_by__username"]
    list_select_related = ["content_type", "created_by", "reviewed_by"]
    actions = ["approve_selected"]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("item")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # --- columns ---
    @admin.display(description="Item", ordering="object_repr")
    def item_link(self, revision):
        review = reverse("admin:compliance_revision_change", args=[revision.pk])
        return format_html('<a href="{}">{}</a>', review, revision.object_repr)

    @admin.display(description="Kind", ordering="content_type")
    def kind(self, revision):
        return revision.content_type.name

    @admin.display(description="What changed")
    def what_changed(self, revision):
        return ", ".join(revision.changed) or "—"

    @admin.display(description="Asked", ordering="created_at")
    def asked(self, revision):
        from django.utils import timezone
        from django.utils.formats import date_format

        when = date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT")
        return f"{revision.created_by or 'someone'}, {when}"

    @admin.display(description="Flagged phrases")
    def flagged(self, revision):
        if revision.item is None:
            return "—"
        findings = workflow.content_findings(revision.item, revision.content)
        if not findings:
            return "None"
        return format_html_join(
            "",
            "<div><strong>{}</strong> ({}): {}</div>",
            ((f.matched, f.field_label, f.context) for f in findings[:3]),
        )

    @admin.display(description="Publication")
    def publication(self, revision):
        return workflow.state_label(revision.item) if revision.item is not None else "Deleted"

    # --- bulk approval ---
    @admin.action(description="Approve the selected revisions (claims reviewers)")
    def approve_selected(self, request, queryset):
        approved, refused = 0, []
        for revision in queryset.prefetch_related(Prefetch("content_type")):
            if revision.item is not None and workflow.unsigned_warnings(
                revision.item, workflow.content_findings(revision.item, revision.content)
            ):
                refused.append(f"{revision}: open it to sign off its flagged phrases")
                continue
            try:
                workflow.approve(revision=revision, user=request.user)
            except ValidationError as exc:
                refused.append(f"{revision}: {' '.join(exc.messages)}")
            else:
                approved += 1
        if approved:
            self.message_user(request, f"Approved {approved} revision(s).", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, f"Not approved: {reason}", messages.ERROR)

    # --- the review page ---
    def change_view(self, request, object_id, form_url="", extra_context=None):
        revision = self.get_object(request, unquote(object_id))
        if revision is None:
            raise Http404("No such revision.")
        if not self.has_view_permission(request, revision):
            raise PermissionDenied
        page = ReviewPage(revision, request.user)
        if request.method == "POST":
            return self.act(request, revision, page)
        return self.render_review(request, revision, page)

    def act(self, request, revision, page):
        action = request.POST.get("action")
        try:
            if action == "approve":
                workflow.approve(
                    revision=revision,
                    user=request.user,
                    signed_off=request.POST.get("claims_sign_off") == "on",
                )
                self.message_user(
                    request,
                    f"Approved: \u201c{revision.object_repr}\u201d is live as reviewed.",
                    messages.SUCCESS,
                )
            elif action == "send_back":
                workflow.send_back(
                    revision=revision, user=request.user, comment=request.POST.get("comment", "")
                )
                self.message_user(
                    request,
                    f"Sent back to {revision.created_by or 'its author'}.",
                    messages.SUCCESS,
                )
            elif action == "withdraw":
                item = revision.item
                opts = item._meta if item is not None else None
                if opts is None or not request.user.has_perm(
                    f"{opts.app_label}.change_{opts.model_name}"
                ):
                    raise PermissionDenied
                workflow.withdraw(revision=revision, user=request.user)
                self.message_user(request, "The waiting changes were dropped.", messages.SUCCESS)
            else:
                return self.render_review(request, revision, page, error="Choose an action.")
        except ValidationError as exc:
            return self.render_review(request, revision, page, error=" ".join(exc.messages))
        return HttpResponseRedirect(reverse("admin:compliance_revision_changelist"))

    def render_review(self, request, revision, page, error=None):
        item = revision.item
        reviewer = item is not None and workflow.is_reviewer(request.user, item)
        findings = page.findings()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Review: {revision.object_repr}",
            "revision": revision,
            "item": item,
            "item_url": item_admin_url(revision),
            "live_url": item.get_absolute_url()
            if item is not None and hasattr(item, "get_absolute_url")
            else None,
            "state": workflow.state_label(item) if item is not None else "Deleted",
            "changes": page.changes()
            if revision.status in (Revision.Status.PENDING, Revision.Status.REJECTED)
            else [],
            "first_publication": page.first_publication(),
            "findings": findings,
            "unsigned": workflow.unsigned_warnings(item, findings) if item is not None else [],
            "blocker": page.blocker() if revision.status == Revision.Status.PENDING else None,
            "can_review": reviewer and revision.status == Revision.Status.PENDING,
            "can_withdraw": item is not None
            and revision.status in (Revision.Status.PENDING, Revision.Status.REJECTED)
            and request.user.has_perm(f"{item._meta.app_label}.change_{item._meta.model_name}"),
            "error": error,
            "comment": request.POST.get("comment", "") if request.method == "POST" else "",
            "thumbnails": rendition_urls,
        }
        return TemplateResponse(
            request, "admin/compliance/revision/review.html", context, status=400 if error else 200
        )
