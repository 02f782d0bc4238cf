from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from . import changes, search
        from .recommendations import suggestions

        search.connect_signals()
        suggestions.connect_signals()
        # Every record of this app may show on a public page.
        changes.watch(self.get_models())
