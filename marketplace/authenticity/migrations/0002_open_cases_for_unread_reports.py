# Reports buyers sent before cases existed are not lost: each certificate with unread ones
# gets an open case, a "reported" reason per report, dated as the report.

from django.db import migrations


def open_cases(apps, schema_editor):
    ScanReport = apps.get_model("authenticity", "ScanReport")
    CertificateFlag = apps.get_model("authenticity", "CertificateFlag")
    FlagEvent = apps.get_model("authenticity", "FlagEvent")
    unread = ScanReport.objects.filter(reviewed_at__isnull=True).order_by("created_at", "pk")
    flags = {}
    for report in unread:
        flag = flags.get(report.certificate_id)
        if flag is None:
            flag = CertificateFlag.objects.filter(
                certificate_id=report.certificate_id, status="open"
            ).first() or CertificateFlag.objects.create(
                certificate_id=report.certificate_id, opened_at=report.created_at
            )
            flags[report.certificate_id] = flag
        FlagEvent.objects.create(
            flag=flag,
            kind="reported",
            at=report.created_at,
            figures={"report": report.pk, "reason": report.reason},
        )


class Migration(migrations.Migration):
    dependencies = [("authenticity", "0001_initial")]

    operations = [migrations.RunPython(open_cases, migrations.RunPython.noop)]
