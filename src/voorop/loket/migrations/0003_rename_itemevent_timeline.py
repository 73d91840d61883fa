from django.db import migrations


class Migration(migrations.Migration):
    """ItemEvent becomes DeskItemTimelineEntry (voorop.core.base.TimelineEntry): the table
    and its rows are kept; "event" is the council's word for a meeting."""

    dependencies = [("loket", "0002_queue_indexes")]

    operations = [migrations.RenameModel("ItemEvent", "DeskItemTimelineEntry")]
