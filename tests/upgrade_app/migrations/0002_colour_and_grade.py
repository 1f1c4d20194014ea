"""A nullable field and a field with a default: the historical table gets both, nullable, empty in old rows."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('upgrade_app', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalspecimen',
            name='colour',
            field=models.CharField(blank=True, max_length=20, null=True),
        ),
        migrations.AddField(
            model_name='historicalspecimen',
            name='grade',
            field=models.IntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='specimen',
            name='colour',
            field=models.CharField(blank=True, max_length=20, null=True),
        ),
        migrations.AddField(
            model_name='specimen',
            name='grade',
            field=models.IntegerField(default=0),
        ),
    ]
