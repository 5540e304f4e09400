import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.demo import load_articles
from catalog.demo import Report, load_catalog
from storefront.demo import load_shipping_rules, load_store_pages

DEMO_STAFF = [
    ("demo-catalog", "Catalog managers"),
    ("demo-editor", "Content editors"),
    ("demo-reviewer", "Claims reviewers"),
]


def load_staff(*, reset: bool) -> list[tuple[str, str, str | None]]:
    """One staff account per role: (user name, group, new password or None when the
    account exists and keeps its password). With ``reset`` each gets a new password, its
    staff flag and only its role's group back."""
    accounts = []
    for username, group_name in DEMO_STAFF:
        group = Group.objects.get(name=group_name)
        user = get_user_model()._default_manager.filter(username=username).first()
        if user is not None and not reset:
            accounts.append((username, group_name, None))
            continue
        user = user or get_user_model()(username=username)
        user.is_staff, user.is_active, user.is_superuser = True, True, False
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        user.groups.set([group])
        accounts.append((username, group_name, password))
    return accounts


class Command(BaseCommand):
    help = (
        "Load the demo catalog: the brand's details in Site settings, product lines, the "
        "four uses, five products with a 30 ml pack (its MRP and where to buy it), their "
        "ingredients and a bottle image each, the lower back spasm article and the store "
        "pages. Prices, SKUs and licence numbers (DEMO-...) are invented, and the pages "
        "say they are demo policies. Creates only what is missing: rows that exist, "
        "edited or not, are left as they are (--reset writes the demo values back)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Write the demo values back over edited demo rows (found by slug, SKU, "
            "name) and recreate missing ones. Rows that are not demo rows are never touched.",
        )
        parser.add_argument(
            "--staff",
            action="store_true",
            help="Also create one demo staff account per role (demo-catalog, demo-editor, "
            "demo-reviewer) and print their passwords. Refused when DEBUG is off, unless "
            "--force.",
        )
        parser.add_argument("--force", action="store_true", help="Allow --staff when DEBUG is off.")

    def handle(self, *args, reset, staff, force, verbosity, **options):
        if staff and not settings.DEBUG and not force:
            raise CommandError(
                "--staff creates accounts whose passwords are printed: refused with DEBUG "
                "off, where this may be a live site. Add --force if it is not."
            )
        report = Report()
        with transaction.atomic():
            load_catalog(report, reset=reset)
            load_articles(report, reset=reset)
            load_store_pages(report, reset=reset)
            load_shipping_rules(report, reset=reset)
            accounts = load_staff(reset=reset) if staff else []
        for skipped in report.skipped:
            self.stderr.write(self.style.WARNING(f"Not loaded: {skipped}"))
        if verbosity:
            self.write_summary(report, reset)
        if accounts:
            self.write_accounts(accounts)

    def write_summary(self, report: Report, reset: bool) -> None:
        written = ", ".join(
            f"{n} {kind if n > 1 else kind.removesuffix('s')}"
            for kind, n in report.written.items()
            if n
        )
        if written:
            verb = "created or restored" if reset else "created"
            self.stdout.write(self.style.SUCCESS(f"Demo data: {written} {verb}."))
        elif reset:
            self.stdout.write("Demo data already as loaded: nothing changed.")
        else:
            self.stdout.write(
                "Demo data already loaded: nothing changed. Edited demo rows are kept; "
                "`manage.py load_demo --reset` writes the demo values back."
            )

    def write_accounts(self, accounts) -> None:
        self.stdout.write("Demo staff accounts (for trying the roles; not for a live site):")
        for username, group, password in accounts:
            if password is None:
                said = "exists: its password is left as it is (--reset --staff sets a new one)"
            else:
                said = f"password {password}"
            self.stdout.write(f"  {username:<14} {group:<17} {said}")
        self.stdout.write(
            f"Sign in at http://127.0.0.1:8000/{settings.ADMIN_URL} while `make run` serves "
            "(with another PORT, that port)."
        )
