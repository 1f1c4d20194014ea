from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL's unaccent, for search that ignores Vietnamese diacritics (a no-op on SQLite)."""

    dependencies = [("directory", "0001_initial")]

    operations = [UnaccentExtension()]
