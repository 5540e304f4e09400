from django.db.models.signals import post_delete
from django.dispatch import receiver

from catalog.models import ProductImage
from core.images import delete_renditions


@receiver(post_delete, sender=ProductImage)
def remove_image_renditions(sender, instance, **kwargs):
    """Renditions are derived files: they go with their image row (also on cascades)."""
    delete_renditions(instance.renditions)
