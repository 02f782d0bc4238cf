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
        # Every record of this app may show on a public page, but for the generation itself.
        generation = self.get_model("PageGeneration")
        changes.watch(model for model in self.get_models() if model is not generation)
