"""A longer text, more decimal places and a bigger integer: widening keeps every value as it was."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('upgrade_app', '0003_rename_name_to_title'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalspecimen',
            name='code',
            field=models.CharField(blank=True, max_length=40, null=True),
        ),
        migrations.AlterField(
            model_name='historicalspecimen',
            name='grade',
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='historicalspecimen',
            name='weight',
            field=models.DecimalField(blank=True, decimal_places=3, max_digits=8, null=True),
        ),
        migrations.AlterField(
            model_name='specimen',
            name='code',
            field=models.CharField(max_length=40),
        ),
        migrations.AlterField(
            model_name='specimen',
            name='grade',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name='specimen',
            name='weight',
            field=models.DecimalField(decimal_places=3, max_digits=8),
        ),
    ]
