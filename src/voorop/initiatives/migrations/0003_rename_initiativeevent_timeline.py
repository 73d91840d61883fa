from django.db import migrations


class Migration(migrations.Migration):
    """InitiativeEvent becomes InitiativeTimelineEntry (voorop.core.base.TimelineEntry), its
    reason the entry's text: the table and its rows are kept."""

    dependencies = [("initiatives", "0002_gallery_index")]

    operations = [
        migrations.RenameModel("InitiativeEvent", "InitiativeTimelineEntry"),
        migrations.RenameField("InitiativeTimelineEntry", "reason", "text"),
    ]
