"""Where each pack of a product can be bought: its Buy link (the brand's own shop first,
else its first marketplace) and the other retailers. The product page, the API and the
structured data all read this."""

from dataclasses import dataclass, field


@dataclass
class PackOffers:
    variant: object
    buy: object | None = None  # the Offer the pack's Buy link opens
    others: list = field(default_factory=list)  # more retailers of this pack


def where_to_buy(variants, offers, *, sold: bool = True) -> list[PackOffers]:
    """Per pack, in the packs' order; a pack that cannot be bought now (out of stock,
    or the product no longer sold: ``sold`` False) gets no Buy link."""
    packs = []
    for variant in variants:
        mine = [o for o in offers if o.variant_id == variant.pk]
        mine.sort(key=lambda o: (not o.is_shop, o.position, o.pk or 0))
        pack = PackOffers(variant)
        if sold and variant.is_purchasable and mine:
            pack.buy, pack.others = mine[0], mine[1:]
        packs.append(pack)
    return packs


def retailers(packs: list[PackOffers]) -> list[tuple[object, list[str]]]:
    """The marketplaces beyond each pack's Buy link, each with the packs it sells
    ("Also available at")."""
    found: dict[str, tuple[object, list[str]]] = {}
    for pack in packs:
        for offer in pack.others:
            key = offer.retailer.casefold()
            found.setdefault(key, (offer, []))[1].append(pack.variant.pack_size)
    return list(found.values())
