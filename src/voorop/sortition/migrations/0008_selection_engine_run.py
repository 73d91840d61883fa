from django.db import migrations


class Migration(migrations.Migration):
    """Selection keeps its run in the fields of voorop.core.base.EngineRun: the digest of the
    pool and quotas is the run's input digest (the model keeps `pool_digest` as an alias)."""

    dependencies = [("sortition", "0007_registration_close")]

    operations = [migrations.RenameField("Selection", "pool_digest", "input_digest")]
