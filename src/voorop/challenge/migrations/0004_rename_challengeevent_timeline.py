from django.db import migrations


class Migration(migrations.Migration):
    """ChallengeEvent becomes ChallengeTimelineEntry (voorop.core.base.TimelineEntry): the
    table and its rows are kept."""

    dependencies = [("challenge", "0003_challenge_initiative")]

    operations = [migrations.RenameModel("ChallengeEvent", "ChallengeTimelineEntry")]
