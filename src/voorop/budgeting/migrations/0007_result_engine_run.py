from django.db import migrations


class Migration(migrations.Migration):
    """RoundResult keeps its run in the fields of voorop.core.base.EngineRun: the digest of
    the ballots is the run's input digest (renamed, so that no row loses it)."""

    dependencies = [("budgeting", "0006_area_budget_holders")]

    operations = [
        migrations.RenameField("RoundResult", "ballots_digest", "input_digest"),
    ]
