from django.contrib.postgres.indexes import GinIndex
from django.db import migrations


class Migration(migrations.Migration):
    """The search index without a pending list (``fastupdate``): altered in place and the
    entries already pending merged, rather than rebuilt."""

    dependencies = [
        ("catalog", "0005_product_rating_order"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=[
                        "ALTER INDEX product_search_gin SET (fastupdate = off)",
                        "SELECT gin_clean_pending_list('product_search_gin')",
                    ],
                    reverse_sql=["ALTER INDEX product_search_gin SET (fastupdate = on)"],
                ),
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="product", name="product_search_gin"),
                migrations.AddIndex(
                    model_name="product",
                    index=GinIndex(
                        fields=["search_vector"], name="product_search_gin", fastupdate=False
                    ),
                ),
            ],
        ),
    ]
