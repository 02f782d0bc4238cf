# Strategy documents keep their page texts, as review documents do, so that a text version
# never opens the PDF. Documents stored before this read theirs once, here.

import django.db.models.deletion
from django.db import migrations, models

from reviews.documents.text import extract_page_texts


def read_stored_texts(apps, schema_editor):
    StrategyDocument = apps.get_model("support", "StrategyDocument")
    StrategyDocumentPage = apps.get_model("support", "StrategyDocumentPage")
    for document in StrategyDocument.objects.exclude(file="").iterator():
        try:
            with document.file.open("rb") as file:
                pages = [
                    StrategyDocumentPage(document=document, number=number, text=text)
                    for number, text in extract_page_texts(file)
                ]
        except OSError:
            continue  # a missing file: the text version shows no pages, as the PDF is gone
        StrategyDocumentPage.objects.bulk_create(pages)


class Migration(migrations.Migration):

    dependencies = [
        ('support', '0002_welsh_texts'),
    ]

    operations = [
        migrations.CreateModel(
            name='StrategyDocumentPage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='page number')),
                ('text', models.TextField(blank=True, verbose_name='text')),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pages', to='support.strategydocument', verbose_name='document')),
            ],
            options={
                'verbose_name': 'document page',
                'verbose_name_plural': 'document pages',
                'ordering': ['document', 'number'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('document', 'number'), name='unique_strategy_document_page')],
            },
        ),
        migrations.RunPython(read_stored_texts, migrations.RunPython.noop),
    ]
