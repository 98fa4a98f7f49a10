"""The wholesale mutations, mixed into the schema's Mutation root."""

from __future__ import annotations

import graphene

from . import mutations_buyer as b
from . import mutations_cluster as c


class WholesaleMutations(graphene.ObjectType):
    business_apply = b.BusinessApply.Field()
    business_approve = b.BusinessApprove.Field()
    wholesale_terms_update = c.WholesaleTermsUpdate.Field()
    wholesale_quote_request = b.WholesaleQuoteRequest.Field()
    quote_share_assign = c.QuoteShareAssign.Field()
    quote_share_accept = c.QuoteShareAccept.Field()
    quote_share_counter = c.QuoteShareCounter.Field()
    quote_share_decline = c.QuoteShareDecline.Field()
    quote_share_counter_answer = c.QuoteShareCounterAnswer.Field()
    quote_share_withdraw = c.QuoteShareWithdraw.Field()
    quote_send = c.QuoteSend.Field()
    quote_accept = b.QuoteAccept.Field()
    quote_request_changes = b.QuoteRequestChanges.Field()
    quote_decline = b.QuoteDecline.Field()
    quote_message_post = b.QuoteMessagePost.Field()
    wholesale_deposit_pay = b.WholesaleDepositPay.Field()
    wholesale_balance_pay = b.WholesaleBalancePay.Field()
    wholesale_bank_transfer_record = b.WholesaleBankTransferRecord.Field()
    production_report = c.ProductionReport.Field()
    quote_late_parts_notify = c.QuoteLatePartsNotify.Field()
    quote_share_receive = c.QuoteShareReceive.Field()
    shipment_consolidate = c.ShipmentConsolidate.Field()
    shipment_dispatch = c.ShipmentDispatch.Field()
    quote_share_refund = b.QuoteShareRefund.Field()
    pooled_purchase_open = c.PooledPurchaseOpen.Field()
    pooled_purchase_commit = c.PooledPurchaseCommit.Field()
    pooled_purchase_close = c.PooledPurchaseClose.Field()
