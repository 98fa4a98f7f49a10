# ScanReport now belongs to marketplace.authenticity, which took over its table.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("storefront", "0001_initial"),
        ("authenticity", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ScanReport")],
            database_operations=[],
        ),
    ]
