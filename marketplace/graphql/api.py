"""The schema: root Query and Mutation assembled from each domain's parts."""

import graphene

from .catalog.queries import CatalogQueries
from .channels.queries import ChannelQueries
from .content.queries import ContentQueries
from .packaging.mutations.packaging_option import (
    PackagingOptionCreate,
    PackagingOptionDelete,
    PackagingOptionUpdate,
)
from .provenance.mutations.certificates import CertificateIssue, CertificateRevoke
from .provenance.mutations.claims import ProductAttest, ProductClaimCreate, ProductClaimVerify
from .provenance.mutations.photos import ProvenancePhotoAdd
from .provenance.mutations.provenance_update import ProductProvenanceUpdate
from .provenance.mutations.vocabulary import TechniqueCreate
from .provenance.queries import ProvenanceQueries
from .shop.types import ShopQueries
from .vendors.queries import VendorQueries


class Query(
    ShopQueries, ChannelQueries, CatalogQueries, VendorQueries, ContentQueries, ProvenanceQueries
):
    pass


class Mutation(graphene.ObjectType):
    product_provenance_update = ProductProvenanceUpdate.Field()
    provenance_photo_add = ProvenancePhotoAdd.Field()
    product_claim_create = ProductClaimCreate.Field()
    product_claim_verify = ProductClaimVerify.Field()
    product_attest = ProductAttest.Field()
    technique_create = TechniqueCreate.Field()
    certificate_issue = CertificateIssue.Field()
    certificate_revoke = CertificateRevoke.Field()
    packaging_option_create = PackagingOptionCreate.Field()
    packaging_option_update = PackagingOptionUpdate.Field()
    packaging_option_delete = PackagingOptionDelete.Field()


schema = graphene.Schema(query=Query, mutation=Mutation, auto_camelcase=True)
