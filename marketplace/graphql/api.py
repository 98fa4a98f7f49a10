"""The schema: root Query and Mutation assembled from each domain's parts."""

import graphene

from .accounts.lifecycle import (
    AccountDelete,
    AccountRequestDeletion,
    AccountUpdate,
    ConfirmAccount,
    ConfirmEmailChange,
    RequestEmailChange,
)
from .accounts.mutations import (
    AccountAddressCreate,
    AccountAddressDelete,
    AccountAddressUpdate,
    AccountRegister,
    AccountSetDefaultAddress,
    CreateToken,
    PasswordChange,
    RefreshToken,
    RequestPasswordReset,
    SetPassword,
    VerifyToken,
)
from .accounts.types import AddressQueries
from .accounts.user import MeQueries
from .catalog.assigned_attributes import ASSIGNED_ATTRIBUTE_TYPES
from .catalog.mutations.registry import CatalogWriteMutations
from .catalog.queries import CatalogQueries
from .channels.queries import ChannelQueries
from .checkout.delivery_options import DeliveryOptionsCalculate
from .checkout.extras import (
    CheckoutCustomerAttach,
    CheckoutCustomerDetach,
    DeleteMetadata,
    UpdateMetadata,
)
from .checkout.mutations import (
    CheckoutAddPromoCode,
    CheckoutBillingAddressUpdate,
    CheckoutCreate,
    CheckoutDeliveryGroupMethodUpdate,
    CheckoutDeliveryMethodUpdate,
    CheckoutEmailUpdate,
    CheckoutLineDelete,
    CheckoutLinesAdd,
    CheckoutLinesDelete,
    CheckoutLinesUpdate,
    CheckoutQueries,
    CheckoutRemovePromoCode,
    CheckoutShippingAddressUpdate,
)
from .content.queries import ContentQueries
from .orders.mutations import CheckoutComplete, OrderCancel, OrderFulfill
from .orders.queries import OrderQueries
from .orders.refunds import FulfillmentRefundProducts
from .packaging.mutations.packaging_option import (
    PackagingOptionCreate,
    PackagingOptionDelete,
    PackagingOptionUpdate,
)
from .payments.mutations import PaymentGatewayInitialize, TransactionInitialize, TransactionProcess
from .provenance.mutations.certificates import CertificateIssue, CertificateRevoke
from .provenance.mutations.claims import ProductAttest, ProductClaimCreate, ProductClaimVerify
from .provenance.mutations.photos import ProvenancePhotoAdd
from .provenance.mutations.provenance_update import ProductProvenanceUpdate
from .provenance.mutations.vocabulary import TechniqueCreate
from .provenance.queries import ProvenanceQueries
from .shop.types import ShopQueries
from .vendors import mutations as vendor_mutations
from .vendors.queries import VendorQueries
from .wholesale.mutations import WholesaleMutations
from .wholesale.queries import WholesaleQueries


class Query(
    ShopQueries,
    ChannelQueries,
    CatalogQueries,
    VendorQueries,
    ContentQueries,
    ProvenanceQueries,
    CheckoutQueries,
    AddressQueries,
    MeQueries,
    OrderQueries,
    WholesaleQueries,
):
    pass


class Mutation(CatalogWriteMutations, WholesaleMutations, graphene.ObjectType):
    token_create = CreateToken.Field()
    token_refresh = RefreshToken.Field()
    token_verify = VerifyToken.Field()
    account_register = AccountRegister.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    password_change = PasswordChange.Field()
    account_address_create = AccountAddressCreate.Field()
    account_address_update = AccountAddressUpdate.Field()
    account_address_delete = AccountAddressDelete.Field()
    account_set_default_address = AccountSetDefaultAddress.Field()
    account_update = AccountUpdate.Field()
    confirm_account = ConfirmAccount.Field()
    request_email_change = RequestEmailChange.Field()
    confirm_email_change = ConfirmEmailChange.Field()
    account_request_deletion = AccountRequestDeletion.Field()
    account_delete = AccountDelete.Field()
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_line_delete = CheckoutLineDelete.Field(deprecation_reason="Use `checkoutLinesDelete`.")
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_delivery_group_method_update = CheckoutDeliveryGroupMethodUpdate.Field()
    delivery_options_calculate = DeliveryOptionsCalculate.Field()
    checkout_add_promo_code = CheckoutAddPromoCode.Field()
    checkout_remove_promo_code = CheckoutRemovePromoCode.Field()
    checkout_customer_attach = CheckoutCustomerAttach.Field()
    checkout_customer_detach = CheckoutCustomerDetach.Field()
    update_metadata = UpdateMetadata.Field()
    delete_metadata = DeleteMetadata.Field()
    payment_gateway_initialize = PaymentGatewayInitialize.Field()
    transaction_initialize = TransactionInitialize.Field()
    transaction_process = TransactionProcess.Field()
    checkout_complete = CheckoutComplete.Field()
    order_cancel = OrderCancel.Field()
    order_fulfill = OrderFulfill.Field()
    order_fulfillment_refund_products = FulfillmentRefundProducts.Field()
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
    vendor_apply = vendor_mutations.VendorApply.Field()
    vendor_update = vendor_mutations.VendorUpdate.Field()
    cluster_member_approve = vendor_mutations.ClusterMemberApprove.Field()
    cluster_member_suspend = vendor_mutations.ClusterMemberSuspend.Field()
    product_submit_for_review = vendor_mutations.ProductSubmitForReview.Field()
    product_approve = vendor_mutations.ProductApprove.Field()
    product_reject = vendor_mutations.ProductReject.Field()


# Saleor's AssignedAttribute implementations, so that clients' fragments on each validate.
schema = graphene.Schema(
    query=Query, mutation=Mutation, types=ASSIGNED_ATTRIBUTE_TYPES, auto_camelcase=True
)
