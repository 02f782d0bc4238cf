from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Help and support")

    def ready(self):
        from reviews.changes import watch

        # Every record of this app may show on a public page.
        watch(self.get_models())
