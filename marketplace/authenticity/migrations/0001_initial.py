# The shop's ScanReport moves here (the domain reviews certificates with it): its table is
# taken over and renamed, no row copied. Then the scans and the review cases.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("provenance", "0003_claim_evidence_private"),
        ("storefront", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ScanReport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("reason", models.CharField(choices=[("DIFFERENT_PIECE", "The piece does not match the photos"), ("OTHER_SELLER", "Sold by someone other than the workshop"), ("SAME_CODE_ELSEWHERE", "The same code on other pieces"), ("OTHER", "Something else")], max_length=24)),
                        ("note", models.CharField(blank=True, max_length=500)),
                        ("where", models.CharField(blank=True, help_text="Where the piece was seen", max_length=120)),
                        ("reporter", models.CharField(help_text="HMAC of the reporter's IP address", max_length=64)),
                        ("language_code", models.CharField(default="en", max_length=10)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("reviewed_at", models.DateTimeField(blank=True, null=True)),
                        ("certificate", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="scan_reports", to="provenance.certificate")),
                    ],
                    options={
                        "ordering": ("-created_at",),
                        "db_table": "storefront_scanreport",
                        "indexes": [models.Index(fields=["certificate", "created_at"], name="storefront__certifi_9a0ecf_idx")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="scanreport", table=None),
        migrations.RenameIndex(
            model_name="scanreport",
            new_name="report_cert_time",
            old_name="storefront__certifi_9a0ecf_idx",
        ),
        migrations.CreateModel(
            name="CertificateScan",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("scanned_at", models.DateTimeField()),
                ("country", models.CharField(blank=True, help_text="ISO code, when known", max_length=2)),
                ("network", models.CharField(help_text="The caller's network (IPv4 /24, IPv6 /48), never the address", max_length=64)),
                ("revoked", models.BooleanField(default=False, help_text="The certificate was revoked then")),
                ("certificate", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="scans", to="provenance.certificate")),
            ],
            options={
                "ordering": ("-scanned_at", "-pk"),
                "indexes": [models.Index(fields=["certificate", "scanned_at"], name="scan_certificate_time")],
            },
        ),
        migrations.CreateModel(
            name="CertificateFlag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("status", models.CharField(choices=[("open", "Under review"), ("dismissed", "Dismissed"), ("confirmed", "Counterfeit confirmed")], default="open", max_length=16)),
                ("opened_at", models.DateTimeField()),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("certificate", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="flags", to="provenance.certificate")),
                ("decided_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "ordering": ("-opened_at", "-pk"),
                "indexes": [models.Index(fields=["status", "opened_at"], name="flag_status_time")],
                "constraints": [
                    models.UniqueConstraint(condition=models.Q(("status", "open")), fields=("certificate",), name="one_open_flag_per_certificate"),
                    models.CheckConstraint(condition=models.Q(models.Q(("decided_at__isnull", True), ("status", "open")), models.Q(models.Q(("status", "open"), _negated=True), ("decided_at__isnull", False)), _connector="OR"), name="flag_decision_consistent"),
                ],
            },
        ),
        migrations.CreateModel(
            name="FlagEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("many_countries", "Scanned from many countries"), ("many_networks", "Scanned from many networks"), ("many_scans", "Scanned far more often than a piece is"), ("after_revocation", "Scanned after its revocation"), ("reported", "Reported by a buyer"), ("note", "Note"), ("dismissed", "Dismissed"), ("confirmed", "Counterfeit confirmed")], max_length=20)),
                ("at", models.DateTimeField()),
                ("text", models.CharField(blank=True, max_length=1000)),
                ("figures", models.JSONField(blank=True, default=dict)),
                ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("flag", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="events", to="authenticity.certificateflag")),
            ],
            options={"ordering": ("at", "pk")},
        ),
    ]
