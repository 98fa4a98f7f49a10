"""GraphQL documents and a client per actor for the wholesale API tests."""

from __future__ import annotations

from typing import Any

from django.test import Client

from conftest import GraphQLClient
from tests.helpers import to_global_id

ERR = "errors { field code message }"
QUOTE_FIELDS = """id number status currency incoterm
  lines { id title quantity hsCode sharedQuantity acceptedQuantity
    shares { id status quantity workshopName unitPrice { amount } promisedDate } }
  versions { number total { amount } deposit { amount } duties { amount } pdfUrl
    lines { title producer quantity } }
  messages { body isMine authorName }
  amountPaid { amount } depositDue { amount } balanceDue { amount } progress
  shipment { carrier trackingNumber commercialInvoiceUrl boxes { number contents { share quantity } } }"""


class Actor(GraphQLClient):
    def __init__(self, user: Any) -> None:
        client = Client()
        if user is not None:
            client.force_login(user)
        super().__init__(client)
        self.user = user

    def run(self, name: str, document: str, **variables: Any) -> dict[str, Any]:
        body = self.execute(document, variables)
        assert "errors" not in body, body["errors"]
        result: dict[str, Any] = body["data"][name]
        return result

    def ok(self, name: str, document: str, **variables: Any) -> dict[str, Any]:
        result = self.run(name, document, **variables)
        assert result["errors"] == [], result["errors"]
        return result


def gid(kind: str, pk: int) -> str:
    return to_global_id(kind, pk)


REQUEST = f"""mutation($input: WholesaleQuoteRequestInput!) {{
  wholesaleQuoteRequest(input: $input) {{ quote {{ {QUOTE_FIELDS} }} {ERR} }} }}"""
QUOTE = f"query($id: ID!) {{ wholesaleQuote(id: $id) {{ {QUOTE_FIELDS} }} }}"
ASSIGN = f"""mutation($line: ID!, $w: ID!, $q: Int!, $p: PositiveDecimal!, $d: Date!) {{
  quoteShareAssign(line: $line, workshop: $w, quantity: $q, unitPrice: $p, promisedDate: $d) {{
    share {{ id status quantity }} quote {{ status }} {ERR} }} }}"""
ACCEPT = f"""mutation($id: ID!) {{ quoteShareAccept(id: $id) {{ share {{ id status }} {ERR} }} }}"""
DECLINE = f"""mutation($id: ID!, $note: String) {{
  quoteShareDecline(id: $id, note: $note) {{ share {{ id status note }} {ERR} }} }}"""
COUNTER = f"""mutation($id: ID!, $p: PositiveDecimal, $d: Date) {{
  quoteShareCounter(id: $id, unitPrice: $p, promisedDate: $d, note: "copper costs more") {{
    share {{ id status counterUnitPrice {{ amount }} counterDate }} {ERR} }} }}"""
COUNTER_ANSWER = f"""mutation($id: ID!, $agree: Boolean!) {{
  quoteShareCounterAnswer(id: $id, agree: $agree) {{ share {{ id status unitPrice {{ amount }} }} {ERR} }} }}"""
WITHDRAW = f"mutation($id: ID!) {{ quoteShareWithdraw(id: $id) {{ share {{ status }} {ERR} }} }}"
SEND = f"""mutation($id: ID!, $input: QuoteSendInput!) {{ quoteSend(id: $id, input: $input) {{
  version {{ number linesTotal {{ amount }} duties {{ amount }} total {{ amount }} deposit {{ amount }} pdfUrl }}
  quote {{ status }} {ERR} }} }}"""
CHANGES = f"""mutation($id: ID!, $m: String!) {{ quoteRequestChanges(id: $id, message: $m) {{
  quote {{ status messages {{ body }} }} {ERR} }} }}"""
POST = f"""mutation($id: ID!, $b: String!) {{ quoteMessagePost(id: $id, body: $b) {{
  message {{ body }} {ERR} }} }}"""
QUOTE_ACCEPT = f"mutation($id: ID!) {{ quoteAccept(id: $id) {{ quote {{ status }} {ERR} }} }}"
QUOTE_DECLINE = f"mutation($id: ID!) {{ quoteDecline(id: $id) {{ quote {{ status }} {ERR} }} }}"
DEPOSIT = f"""mutation($id: ID!, $g: String!, $k: String) {{
  wholesaleDepositPay(id: $id, gateway: $g, idempotencyKey: $k) {{
    amountCharged {{ amount }} quote {{ status depositDue {{ amount }} }} {ERR} }} }}"""
BALANCE = f"""mutation($id: ID!, $g: String!) {{ wholesaleBalancePay(id: $id, gateway: $g) {{
  amountCharged {{ amount }} quote {{ balanceDue {{ amount }} }} {ERR} }} }}"""
REPORT = f"""mutation($s: ID!, $p: Int!, $qc: Boolean, $n: String) {{
  productionReport(share: $s, progress: $p, qualityPassed: $qc, note: $n) {{
    report {{ progress qualityPassed }} share {{ progress }} {ERR} }} }}"""
LATE = f"mutation($id: ID!) {{ quoteLatePartsNotify(id: $id) {{ shares {{ id }} {ERR} }} }}"
RECEIVE = f"""mutation($id: ID!, $q: Int!) {{ quoteShareReceive(id: $id, quantity: $q) {{
  share {{ receivedQuantity }} {ERR} }} }}"""
CONSOLIDATE = f"""mutation($id: ID!, $boxes: [ShipmentBoxInput!]!) {{
  shipmentConsolidate(id: $id, boxes: $boxes) {{ shipment {{ boxes {{ number }} commercialInvoiceUrl }} {ERR} }} }}"""
DISPATCH = f"""mutation($id: ID!, $c: String!, $t: String!) {{
  shipmentDispatch(id: $id, carrier: $c, trackingNumber: $t) {{ quote {{ status settledAt }} {ERR} }} }}"""
BOARD = f"""query($c: ID!) {{ wholesaleBoard(cluster: $c) {{ cluster {{ slug }}
  quotes {{ {QUOTE_FIELDS} memberLoads {{ workshop {{ slug }} piecesPerWeek piecesInHand }}
    production {{ late daysLate share {{ id }} }} }}
  pooledPurchases {{ id material status }} }} }}"""
DESK = """query($w: ID!) { wholesaleWorkshopDesk(workshop: $w) { workshop { slug }
  shares { id status quantity line { title quote { number targetDate } } } pooledPurchases { id } } }"""
