from django.db import migrations, models

import voorop.sortition.models


def existing_pseudonyms(apps, schema_editor):
    """Registrations made before pseudonyms keep their old engine id (the primary key), so
    that distributions computed before this migration still match them."""
    Respondent = apps.get_model("sortition", "Respondent")
    for respondent in Respondent.objects.only("pk").iterator():
        Respondent.objects.filter(pk=respondent.pk).update(pseudonym=str(respondent.pk))


class Migration(migrations.Migration):
    dependencies = [
        ("sortition", "0003_households"),
    ]

    operations = [
        migrations.AddField(
            model_name="respondent",
            name="pseudonym",
            field=models.CharField(default="", max_length=12, verbose_name="pseudonym"),
            preserve_default=False,
        ),
        migrations.RunPython(existing_pseudonyms, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="respondent",
            name="pseudonym",
            field=models.CharField(
                default=voorop.sortition.models.new_pseudonym,
                max_length=12,
                verbose_name="pseudonym",
            ),
        ),
        migrations.AddConstraint(
            model_name="respondent",
            constraint=models.UniqueConstraint(
                fields=("assembly", "pseudonym"), name="sortition_respondent_pseudonym_unique"
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="publishes_pool_file",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="report",
            name="pool_file",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="report",
            name="categories_file",
            field=models.TextField(blank=True),
        ),
    ]
