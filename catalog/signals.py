from django.db.models.signals import post_delete
from django.dispatch import receiver

from catalog.models import ProductImage
from core.images import delete_after_commit


@receiver(post_delete, sender=ProductImage)
def remove_image_files(sender, instance, **kwargs):
    """The original and its renditions go with their image row (also on cascades), once
    the deletion is committed."""
    delete_after_commit([instance.image.name, *(r["name"] for r in instance.renditions or [])])
