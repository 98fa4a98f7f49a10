"""The marketplace's vendor mutations, in Saleor's shape: each decodes ids, calls one domain
service and answers ``errors { field code message }`` (``VendorError``) in the payload.

``vendorApply`` (any logged-in user), ``vendorUpdate`` (the workshop's owners, the cluster's
managers), ``clusterMemberApprove`` / ``clusterMemberSuspend`` (managers of the member's
cluster, staff), ``productSubmitForReview`` (the product's workshop), ``productApprove`` /
``productReject`` (managers of the product's cluster, staff). A foreign object answers as a
missing one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import graphene

from marketplace.graphql.core.mutations import decode, decode_optional, error_type, run
from marketplace.graphql.core.uploads import Upload
from marketplace.vendors import members, moderation, services
from marketplace.vendors.errors import VENDOR_ERROR_CODES
from marketplace.vendors.models import ListingReview as ListingReviewModel
from marketplace.vendors.models import ReviewStatus
from marketplace.vendors.models import Vendor as VendorModel

from .types import Cluster, Vendor

VendorErrorCode, VendorError = error_type("Vendor", VENDOR_ERROR_CODES)


def _run(payload: type[graphene.ObjectType], result_field: str | None, work: Any) -> Any:
    return run(payload, result_field, work, codes=VENDOR_ERROR_CODES)


class ListingReviewStatusEnum(graphene.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class ListingReview(graphene.ObjectType):
    """A cluster's decision on a member's listing (clusters that moderate listings)."""

    status = graphene.Field(ListingReviewStatusEnum, required=True)
    reason = graphene.String(description="Why the listing was rejected.")
    submitted_at = graphene.DateTime()
    decided_at = graphene.DateTime()

    @staticmethod
    def resolve_status(root: ListingReviewModel, info: Any) -> str:
        return str(ReviewStatus(root.status).value)


class VendorApplyInput(graphene.InputObjectType):
    name = graphene.String(required=True, description="The workshop's name, as buyers see it.")
    craft = graphene.String()
    tagline = graphene.String()
    story = graphene.String(description="Plain text; paragraphs separated by a blank line.")
    town = graphene.String(required=True)
    region = graphene.String(required=True, description="Wilaya or governorate.")
    country = graphene.String(required=True, description="ISO 3166-1 alpha-2 code.")
    artisan_card_number = graphene.String(required=True)
    contact_phone = graphene.String()
    contact_email = graphene.String()
    founded_year = graphene.Int()
    cluster = graphene.ID(description="An approved cluster to join; none for independent.")
    invitation = graphene.String(description="The token of a cluster's invitation.")
    documents = graphene.List(
        graphene.NonNull(Upload),
        required=True,
        description="Artisan card first (PDF, JPEG or PNG, 10 MB each, at most 5); "
        "stored privately.",
    )


class VendorApply(graphene.Mutation):
    """Apply as a workshop; it stays pending until its cluster's manager or staff approves."""

    vendor = graphene.Field(Vendor)
    errors = graphene.List(graphene.NonNull(VendorError), required=True)

    class Arguments:
        input = VendorApplyInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: dict[str, Any]) -> Any:
        def work() -> VendorModel:
            application = services.Application(
                name=input["name"],
                town=input["town"],
                region=input["region"],
                country=input["country"],
                artisan_card_number=input["artisan_card_number"],
                documents=list(input.get("documents") or []),
                craft=input.get("craft") or "",
                tagline=input.get("tagline") or "",
                story=input.get("story") or "",
                contact_phone=input.get("contact_phone") or "",
                contact_email=input.get("contact_email") or "",
                founded_year=input.get("founded_year"),
            )
            return services.vendor_apply(
                actor=info.context.user,
                application=application,
                cluster_id=decode_optional(input.get("cluster"), "Cluster", field="cluster"),
                invitation_token=input.get("invitation"),
            )

        return _run(cls, "vendor", work)


class BrandColorsInput(graphene.InputObjectType):
    primary = graphene.String(description="#rrggbb, dark enough for white text.")
    secondary = graphene.String(description="#rrggbb, the soft background.")


class VendorUpdateInput(graphene.InputObjectType):
    tagline = graphene.String()
    story = graphene.String(description="Plain text; paragraphs separated by a blank line.")
    craft = graphene.String()
    brand_colors = BrandColorsInput()
    contact_phone = graphene.String()
    website = graphene.String()
    custom_domain = graphene.String(description="Requested; staff set it up. Empty removes it.")
    logo = Upload(description="JPEG, PNG or WebP, 10 MB at most.")
    banner = Upload(description="JPEG, PNG or WebP, 10 MB at most.")


class VendorUpdate(graphene.Mutation):
    """Change a storefront profile: a workshop's (its owners) or a cluster's (its managers)."""

    vendor = graphene.Field(Vendor)
    cluster = graphene.Field(Cluster)
    errors = graphene.List(graphene.NonNull(VendorError), required=True)

    class Arguments:
        id = graphene.ID(required=True, description="A Vendor or a Cluster id.")
        input = VendorUpdateInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: dict[str, Any]) -> Any:
        def work() -> dict[str, Any]:
            colors = input.get("brand_colors") or {}
            change = services.ProfileChange(
                tagline=input.get("tagline"),
                story=input.get("story"),
                craft=input.get("craft"),
                primary_color=colors.get("primary"),
                secondary_color=colors.get("secondary"),
                contact_phone=input.get("contact_phone"),
                website=input.get("website"),
                custom_domain=input.get("custom_domain"),
                logo=input.get("logo"),
                banner=input.get("banner"),
            )
            vendor = services.vendor_profile_update(
                actor=info.context.user,
                vendor_id=decode(id, "Vendor", "Cluster", field="id"),
                change=change,
            )
            key = "cluster" if vendor.is_cluster else "vendor"
            return {key: vendor}

        return _run(cls, None, work)


class _Decision(graphene.Mutation):
    """A cluster's (or staff's) decision on one workshop or listing, by its id; ``decide`` is
    the domain service, called with the actor, the decoded id and the other arguments."""

    class Meta:
        abstract = True

    errors = graphene.List(graphene.NonNull(VendorError), required=True)
    result: str  # the payload field the service's answer fills
    id_type: str  # the id's GraphQL type
    id_argument: str  # the service's keyword for it

    decide: ClassVar[Callable[..., Any]]  # read through the class: never bound

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, **arguments: Any) -> Any:
        def work() -> Any:
            target = decode(id, cls.id_type, field="id")
            return cls.decide(actor=info.context.user, **{cls.id_argument: target}, **arguments)

        return _run(cls, cls.result, work)


class ClusterMemberApprove(_Decision):
    """Approve a workshop of your cluster (staff: any): its storefront and listings go live."""

    vendor = graphene.Field(Vendor)
    result, id_type, id_argument = "vendor", "Vendor", "vendor_id"
    decide = members.cluster_member_approve

    class Arguments:
        id = graphene.ID(required=True, description="The workshop (Vendor) id.")


class ClusterMemberSuspend(_Decision):
    """Suspend a workshop of your cluster (staff: any); the reason is shown to the workshop."""

    vendor = graphene.Field(Vendor)
    result, id_type, id_argument = "vendor", "Vendor", "vendor_id"
    decide = members.cluster_member_suspend

    class Arguments:
        id = graphene.ID(required=True, description="The workshop (Vendor) id.")
        reason = graphene.String(required=True)


class ProductSubmitForReview(_Decision):
    """Ask your cluster to review a listing (clusters that moderate listings)."""

    review = graphene.Field(ListingReview)
    result, id_type, id_argument = "review", "Product", "product_id"
    decide = moderation.product_submit_for_review

    class Arguments:
        id = graphene.ID(required=True, description="The product id.")


class ProductApprove(_Decision):
    """Approve a member's listing waiting for review: it goes live in its channels."""

    review = graphene.Field(ListingReview)
    result, id_type, id_argument = "review", "Product", "product_id"
    decide = moderation.product_approve

    class Arguments:
        id = graphene.ID(required=True, description="The product id.")


class ProductReject(_Decision):
    """Send a member's listing back with a reason; the workshop may change it and resubmit."""

    review = graphene.Field(ListingReview)
    result, id_type, id_argument = "review", "Product", "product_id"
    decide = moderation.product_reject

    class Arguments:
        id = graphene.ID(required=True, description="The product id.")
        reason = graphene.String(required=True)
