"""The demo's themes, where a database already has them, go into their groups (the Home Office
library's filter groups). Only a theme still in the default group moves, so a group an
administrator chose stays. The slugs are written out here, not read from
reviews/theme_vocabulary.py, so that this migration means the same whenever it runs."""

from django.db import migrations

GROUPS = {
    "victim": [
        "older-victims",
        "disability",
        "pregnancy",
        "mental-health",
        "alcohol",
        "drug-use",
    ],
    "children": ["children-in-the-household"],
    "agency-contact": [
        "housing",
        "information-sharing-between-agencies",
        "risk-assessment-dash-and-marac",
        "professional-curiosity",
    ],
    "process": ["training", "record-keeping"],
}
DEFAULT = "aggravating"


def group_demo_themes(apps, schema_editor):
    Theme = apps.get_model("reviews", "Theme")
    for group, slugs in GROUPS.items():
        Theme.objects.filter(slug__in=slugs, group=DEFAULT).update(group=group)


def ungroup_demo_themes(apps, schema_editor):
    Theme = apps.get_model("reviews", "Theme")
    for group, slugs in GROUPS.items():
        Theme.objects.filter(slug__in=slugs, group=group).update(group=DEFAULT)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0017_theme_suggestions")]

    operations = [migrations.RunPython(group_demo_themes, ungroup_demo_themes)]
