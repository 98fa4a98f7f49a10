"""Onboarding, storefront editor and cluster manager pages (namespace ``workspace:vendors``)."""

from django.urls import include, path, re_path

from . import cluster, making_of, onboarding, profile, provenance, reports

app_name = "vendors"

urlpatterns = [
    path("apply/", onboarding.apply, name="apply"),
    path("workshop/<slug:slug>/onboarding/", onboarding.checklist, name="onboarding"),
    path(
        "workshop/<slug:slug>/review/<int:product_id>/",
        onboarding.submit_for_review,
        name="submit-for-review",
    ),
    path(
        "workshop/<slug:slug>/storefront/",
        profile.workshop_storefront,
        name="workshop-storefront",
    ),
    path("cluster/<slug:slug>/storefront/", profile.cluster_storefront, name="cluster-storefront"),
    path("cluster/<slug:slug>/members/", cluster.members, name="members"),
    path("cluster/<slug:slug>/members/invite/", cluster.member_invite, name="member-invite"),
    path("cluster/<slug:slug>/members/<slug:member_slug>/", cluster.member, name="member"),
    path(
        "cluster/<slug:slug>/members/<slug:member_slug>/approve/",
        cluster.member_approve,
        name="member-approve",
    ),
    path(
        "cluster/<slug:slug>/members/<slug:member_slug>/suspend/",
        cluster.member_suspend,
        name="member-suspend",
    ),
    path(
        "cluster/<slug:slug>/members/<slug:member_slug>/documents/<int:document_id>/",
        cluster.member_document,
        name="member-document",
    ),
    path("cluster/<slug:slug>/moderation/", cluster.queue, name="moderation"),
    path(
        "cluster/<slug:slug>/moderation/setting/",
        cluster.moderation_setting,
        name="moderation-setting",
    ),
    re_path(
        r"^cluster/(?P<slug>[-\w]+)/moderation/(?P<product_id>[0-9]+)/(?P<decision>approve|reject)/$",
        cluster.review_decide,
        name="review-decide",
    ),
    path("cluster/<slug:slug>/reports/", reports.sales, name="reports"),
    path("cluster/<slug:slug>/reports.csv", reports.sales_csv, name="reports-csv"),
]

# Making-of photos of a workshop's or a cluster's storefront (editor: profile.py).
_making_of = r"^(?P<kind>workshop|cluster)/(?P<slug>[-\w]+)/storefront/photos/"
urlpatterns += [
    re_path(_making_of + r"$", making_of.photos_add, name="making-of-add"),
    re_path(
        _making_of + r"(?P<photo_id>[0-9]+)/$",
        making_of.photo_describe,
        name="making-of-describe",
    ),
    re_path(
        _making_of + r"(?P<photo_id>[0-9]+)/move/$", making_of.photo_move, name="making-of-move"
    ),
    re_path(
        _making_of + r"(?P<photo_id>[0-9]+)/delete/$",
        making_of.photo_delete,
        name="making-of-delete",
    ),
]

# Marketplace staff: independent workshops' applications (staff.py).
urlpatterns += [path("staff/", include("storefront.workspace.vendors.staff_urls"))]

# The cluster's provenance desk (provenance.py).
urlpatterns += [
    path("cluster/<slug:slug>/provenance/", provenance.desk, name="provenance"),
    path(
        "cluster/<slug:slug>/provenance/claims/<int:claim_id>/evidence/",
        provenance.evidence,
        name="provenance-evidence",
    ),
    path(
        "cluster/<slug:slug>/provenance/claims/<int:claim_id>/verify/",
        provenance.verify,
        name="provenance-verify",
    ),
    path(
        "cluster/<slug:slug>/provenance/claims/<int:claim_id>/reject/",
        provenance.reject,
        name="provenance-reject",
    ),
    path(
        "cluster/<slug:slug>/provenance/products/<int:product_id>/attest/",
        provenance.attest,
        name="provenance-attest",
    ),
    path(
        "cluster/<slug:slug>/provenance/products/<int:product_id>/withdraw/",
        provenance.withdraw,
        name="provenance-withdraw",
    ),
]
