from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from . import changes, personal_data, search, theme_suggestions
        from .recommendations import suggestions

        search.connect_signals(self)
        suggestions.connect_signals()
        personal_data.connect_signals()
        theme_suggestions.connect_signals()
        # Every record of this app may show on a public page, but for the generation itself and
        # what the personal-data check keeps and the themes suggested from the text, which no
        # public page shows.
        private = {
            self.get_model(name)
            for name in (
                "PageGeneration",
                "PersonalDataFinding",
                "WithheldNames",
                "ThemeSuggestion",
                "ThemeEvidence",
            )
        }
        changes.watch(model for model in self.get_models() if model not in private)
