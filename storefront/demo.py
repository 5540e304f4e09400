"""Demo store pages (shipping, returns, payment, contact, grievance officer, privacy and
terms, written for a demonstration shop: each says so) and the demo shop's shipping
rules. ``load_demo`` creates the ones that are missing; ``--reset`` writes the demo's
back."""

from decimal import Decimal

from catalog.demo import DEMO_APPROVAL, DEMO_PUBLISHED_AT, Report, put
from compliance.models import PublicationStatus
from storefront import demo_hindi as hindi
from storefront.models import ShippingRule, StorePage

DEMO_NOTE = "*Demo policy: the terms below are an example for this demonstration shop.*\n\n"

PAGES = [
    {
        "kind": StorePage.Kind.SHIPPING,
        "slug": "shipping",
        "title": "Shipping",
        "summary": "Where we deliver, what it costs and how long it takes.",
        "body": "We deliver to every serviceable pin code in India. What delivery costs "
        "and how long it takes are set out below.\n\n"
        "## Dispatch\n\nOrders placed before 2 pm on a working day leave our warehouse the "
        "same or the next working day. Delivery to metro cities is usually quicker than the "
        "longest time shown. You receive a tracking link by SMS and email.",
    },
    {
        "kind": StorePage.Kind.RETURNS,
        "slug": "returns",
        "title": "Returns and refunds",
        "summary": "How to return a pack within 7 days, and when your money comes back.",
        "body": "You can return an unopened pack within 7 days of delivery. Write to "
        "consumer care with your order number; we arrange the pick-up at no cost to you.\n\n"
        "## Damaged or wrong items\n\nIf a pack arrives damaged, leaking or is not what you "
        "ordered, tell us within 48 hours with a photo and we replace it or refund it in "
        "full.\n\n## Refunds\n\nWe refund to the original payment method within 7 working "
        "days of receiving the return. Opened packs cannot be returned, for hygiene reasons.",
    },
    {
        "kind": StorePage.Kind.PAYMENT,
        "slug": "payment",
        "title": "Payment",
        "summary": "The ways you can pay, and what the price includes.",
        "body": "Prices are in Indian rupees and include all taxes. At checkout you can pay "
        "by UPI, debit or credit card, net banking or cash on delivery (up to ₹2,000).\n\n"
        "Card and UPI payments are handled by our payment provider; we never see or store "
        "your card number. Marketplaces that sell our drops take payment under their own "
        "terms.",
    },
    {
        "kind": StorePage.Kind.CONTACT,
        "slug": "contact",
        "title": "Contact us",
        "summary": "Questions about an order, a product or how to buy: how to reach us.",
        "body": "Call or write to consumer care about orders, deliveries and our products. "
        "For questions about your health, please talk to a doctor.",
    },
    {
        "kind": StorePage.Kind.GRIEVANCE,
        "slug": "grievance-officer",
        "title": "Grievance officer",
        "summary": "How to raise a complaint, who handles it and how soon you hear back.",
        "body": "If consumer care has not resolved a problem with an order, a product or "
        "this website, write to our grievance officer with your name, order number and "
        "what went wrong. You receive an acknowledgement with a complaint number, and a "
        "written answer with what we will do.",
    },
    {
        "kind": StorePage.Kind.PRIVACY,
        "slug": "privacy",
        "title": "Privacy",
        "summary": "What we collect when you use this site or order, why, and your rights.",
        "body": "This site sets no advertising or tracking cookies. When you order through "
        "our shop we keep your name, address, phone number and order details to deliver "
        "it, answer you and meet our tax and accounting duties, for as long as the law "
        "asks.\n\n## Your rights\n\nUnder the Digital Personal Data Protection Act, 2023 "
        "you can ask what we hold about you, have it corrected or erased, and withdraw "
        "consent. Write to the grievance officer; we answer within 30 days.",
    },
    {
        "kind": StorePage.Kind.TERMS,
        "slug": "terms",
        "title": "Terms of sale",
        "summary": "The terms on which our shop sells to you.",
        "body": "These terms apply to orders placed in our own shop; marketplaces sell under "
        "their own.\n\n- Our drops are sold to adults. The CBD drops are sold only to "
        "people aged 18 and over, and only where such products are permitted.\n- The "
        "price you pay is the one shown when you order, never above the MRP.\n- Shipping, "
        "returns and refunds, and payment follow the pages of the same names.\n- Disputes "
        "are handled under the laws of India, in the courts of Bengaluru.",
    },
]


def load_store_pages(report: Report, *, reset: bool = False) -> None:
    for data in PAGES:
        with report.item("store pages", data["slug"]):
            values = {
                "kind": data["kind"],
                "title": data["title"],
                "summary": data["summary"],
                "body": DEMO_NOTE + data["body"],
                **hindi.PAGES.get(data["kind"], {}),  # its Hindi body has the note
                "status": PublicationStatus.PUBLISHED,
                "published_at": DEMO_PUBLISHED_AT,
                **DEMO_APPROVAL,
            }
            if not reset and StorePage.objects.filter(kind=data["kind"]).exists():
                report.wrote("store pages", False)
                continue
            _, done = put(StorePage, {"slug": data["slug"]}, values, reset=reset)
            report.wrote("store pages", bool(done))


# The demo shop's delivery, as its shipping page describes it.
SHIPPING_RULES = [
    {
        "service": ShippingRule.Service.STANDARD,
        "country": "IN",
        "rate": Decimal("49.00"),
        "currency": "INR",
        "free_from": Decimal("499.00"),
        "handling_days_min": 0,
        "handling_days_max": 1,
        "transit_days_min": 2,
        "transit_days_max": 7,
    },
    {
        "service": ShippingRule.Service.EXPRESS,
        "country": "IN",
        "rate": Decimal("129.00"),
        "currency": "INR",
        "free_from": None,
        "handling_days_min": 0,
        "handling_days_max": 1,
        "transit_days_min": 1,
        "transit_days_max": 3,
    },
]


def load_shipping_rules(report: Report, *, reset: bool = False) -> None:
    for position, data in enumerate(SHIPPING_RULES, start=1):
        key = f"{data['service']} to {data['country']}"
        with report.item("shipping rules", key):
            lookup = {"service": data["service"], "country": data["country"]}
            if not reset and ShippingRule.objects.filter(**lookup).exists():
                report.wrote("shipping rules", False)
                continue
            values = {k: v for k, v in data.items() if k not in lookup}
            _, done = put(ShippingRule, lookup, {**values, "position": position}, reset=reset)
            report.wrote("shipping rules", bool(done))
