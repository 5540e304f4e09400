from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from compliance.disclaimers import forget_site_texts
from compliance.models import SiteSettings


@receiver([post_save, post_delete], sender=SiteSettings)
def site_settings_changed(sender, **kwargs):
    forget_site_texts()
