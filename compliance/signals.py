from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from compliance.disclaimers import forget_site_texts
from compliance.models import SiteSettings


@receiver([post_save, post_delete], sender=SiteSettings)
def site_settings_changed(sender, **kwargs):
    """The cached site texts are dropped once the change commits (not before: a request
    in between would cache the old texts again)."""
    transaction.on_commit(forget_site_texts)
