from django.urls import path
from django.views.generic import TemplateView

app_name = "support"

urlpatterns = [
    path("help/", TemplateView.as_view(template_name="support/help.html"), name="help"),
]
