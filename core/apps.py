from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Generic pieces with no domain knowledge: the API base, Markdown rendering, images,
    text normalisation and search. Imports nothing else of the project's."""

    name = "core"
    verbose_name = "Core"
