"""The demo marketplace: three real craft clusters, their workshops and what they make.

Workshop names are invented; towns, crafts, techniques and customs codes are real.
"""

from __future__ import annotations

from decimal import Decimal

# slug: (currency, default country, countries served, name)
CHANNELS = {
    "international": (
        "EUR",
        "FR",
        ["FR", "DE", "IT", "ES", "BE", "NL", "GB", "CH"],
        "International",
    ),
    "usa": ("USD", "US", ["US", "CA"], "United States"),
    "algeria": ("DZD", "DZ", ["DZ"], "Algérie"),
    "tunisia": ("TND", "TN", ["TN"], "Tunisie"),
}
# Demo exchange rates from EUR; TND keeps three decimals, DZD two.
EUR_RATES = {
    "EUR": Decimal("1"),
    "USD": Decimal("1.08"),
    "DZD": Decimal("145.37"),
    "TND": Decimal("3.3571"),
}

# slug: (en, fr, ar, parent slug)
CATEGORIES = {
    "homeware": ("Homeware", "Maison", "أدوات منزلية", None),
    "trays": ("Trays", "Plateaux", "صواني", "homeware"),
    "coffee-tea-sets": (
        "Coffee & tea sets",
        "Services à café et thé",
        "أطقم القهوة والشاي",
        "homeware",
    ),
    "lanterns": ("Lanterns", "Lanternes", "فوانيس", "homeware"),
    "ewers-basins": ("Ewers & basins", "Aiguières et bassins", "أباريق وطسوت", "homeware"),
    "incense-burners": ("Incense burners", "Brûle-parfums", "مباخر", "homeware"),
    "jewellery": ("Jewellery", "Bijoux", "مجوهرات", None),
    "bracelets": ("Bracelets", "Bracelets", "أساور", "jewellery"),
    "fibulae": ("Fibulae", "Fibules", "خلالات", "jewellery"),
    "necklaces": ("Necklaces", "Colliers", "قلائد", "jewellery"),
    "earrings": ("Earrings", "Boucles d'oreilles", "أقراط", "jewellery"),
}

# slug: (name, default weight kg, HS code)
PRODUCT_TYPES = {
    "copperware": ("Copperware", Decimal("1.200"), "741810"),
    "copper-lantern": ("Copper lantern", Decimal("1.800"), "940550"),
    "silver-jewellery": ("Silver jewellery", Decimal("0.080"), "711311"),
}

ATTRIBUTES = {
    "size": ("Size", ["small", "medium", "large"]),
    "finish": ("Finish", ["polished", "patinated", "tinned", "oxidised"]),
    "material": ("Material", ["copper", "brass", "silver-925"]),
}

# slug: en, fr, ar, town, region, country, craft, colours, tagline
CLUSTERS = {
    "constantine-dinanderie": (
        "Constantine Dinanderie Cluster",
        "Grappe de la dinanderie de Constantine",
        "عنقود النحاسيات بقسنطينة",
        "Constantine",
        "Constantine",
        "DZ",
        "Hammered copperware (dinanderie)",
        ("#9c4a1a", "#f6e7d8"),
        "Chased and hammered copper from the old medina of Constantine.",
    ),
    "batna-silver": (
        "Batna Silver Jewellers",
        "Bijoutiers argentiers de Batna",
        "صاغة الفضة بباتنة",
        "Batna",
        "Batna",
        "DZ",
        "Chaoui silver jewellery",
        ("#4b5563", "#eef1f4"),
        "Chaoui silver from the Aurès, worked by hand as it has been for centuries.",
    ),
    "kairouan-copper": (
        "Kairouan Coppersmiths",
        "Dinandiers de Kairouan",
        "نحاسو القيروان",
        "Kairouan",
        "Kairouan",
        "TN",
        "Copper and brass",
        ("#b45309", "#fdf3e3"),
        "Copper from the souks of Kairouan, tinned and engraved in family workshops.",
    ),
}

# workshop slug: (name, cluster slug, founded)
WORKSHOPS = {
    "atelier-souika": ("Atelier Souika", "constantine-dinanderie", 1962),
    "dar-el-nahas": ("Dar El Nahas", "constantine-dinanderie", 1978),
    "atelier-rhumel": ("Atelier du Rhumel", "constantine-dinanderie", 1985),
    "maison-sidi-rached": ("Maison Sidi Rached", "constantine-dinanderie", 1994),
    "atelier-bab-el-kantara": ("Atelier Bab El Kantara", "constantine-dinanderie", 2003),
    "fidda-aures": ("Fidda Aurès", "batna-silver", 1971),
    "atelier-chelia": ("Atelier Chélia", "batna-silver", 1988),
    "bijoux-tazoult": ("Bijoux de Tazoult", "batna-silver", 1999),
    "atelier-imedghassen": ("Atelier Imedghassen", "batna-silver", 2008),
    "nahas-el-medina": ("Nahas El Medina", "kairouan-copper", 1958),
    "atelier-bir-barouta": ("Atelier Bir Barouta", "kairouan-copper", 1981),
    "dar-aghlabi": ("Dar Aghlabi", "kairouan-copper", 1990),
    "atelier-sabra": ("Atelier Sabra", "kairouan-copper", 2011),
}

# (key, en, fr, ar, category, product type, base EUR price, variant axis, one-of-a-kind)
TEMPLATES = {
    "constantine-dinanderie": [
        (
            "chased-tray",
            "Chased copper tray",
            "Plateau en cuivre ciselé",
            "صينية نحاس منقوشة",
            "trays",
            "copperware",
            Decimal("145.00"),
            "size",
            False,
        ),
        (
            "sniwa",
            "Large sniwa tray",
            "Grand plateau sniwa",
            "صينية كبيرة (سنيوة)",
            "trays",
            "copperware",
            Decimal("320.00"),
            None,
            True,
        ),
        (
            "djezoua-set",
            "Coffee set with djezoua",
            "Service à café avec djezoua",
            "طقم قهوة مع جزوة",
            "coffee-tea-sets",
            "copperware",
            Decimal("189.00"),
            "finish",
            False,
        ),
        (
            "pierced-lantern",
            "Pierced copper lantern",
            "Lanterne en cuivre ajouré",
            "فانوس نحاس مخرّم",
            "lanterns",
            "copper-lantern",
            Decimal("210.00"),
            "size",
            False,
        ),
        (
            "mabkhara",
            "Copper incense burner",
            "Brûle-parfum mabkhara",
            "مبخرة نحاسية",
            "incense-burners",
            "copperware",
            Decimal("65.00"),
            None,
            False,
        ),
        (
            "ewer-basin",
            "Ewer and basin",
            "Aiguière et bassin",
            "إبريق وطست",
            "ewers-basins",
            "copperware",
            Decimal("260.00"),
            None,
            True,
        ),
    ],
    "batna-silver": [
        (
            "chaoui-bracelet",
            "Chaoui silver bracelet",
            "Bracelet chaoui en argent",
            "سوار شاوي من الفضة",
            "bracelets",
            "silver-jewellery",
            Decimal("95.00"),
            "finish",
            False,
        ),
        (
            "tabzimt",
            "Tabzimt fibula",
            "Fibule tabzimt",
            "خلالة (تابزيمت)",
            "fibulae",
            "silver-jewellery",
            Decimal("180.00"),
            None,
            True,
        ),
        (
            "aures-necklace",
            "Aurès necklace",
            "Collier des Aurès",
            "قلادة الأوراس",
            "necklaces",
            "silver-jewellery",
            Decimal("240.00"),
            None,
            False,
        ),
        (
            "hoop-earrings",
            "Engraved hoop earrings",
            "Boucles d'oreilles gravées",
            "أقراط منقوشة",
            "earrings",
            "silver-jewellery",
            Decimal("70.00"),
            "finish",
            False,
        ),
        (
            "khelkhal",
            "Khelkhal anklet",
            "Khelkhal (bracelet de cheville)",
            "خلخال",
            "bracelets",
            "silver-jewellery",
            Decimal("155.00"),
            None,
            False,
        ),
    ],
    "kairouan-copper": [
        (
            "kairouan-tray",
            "Engraved Kairouan tray",
            "Plateau gravé de Kairouan",
            "صينية قيروانية منقوشة",
            "trays",
            "copperware",
            Decimal("120.00"),
            "size",
            False,
        ),
        (
            "tinned-teapot",
            "Tinned copper teapot",
            "Théière en cuivre étamé",
            "براد نحاس مقصدر",
            "coffee-tea-sets",
            "copperware",
            Decimal("85.00"),
            None,
            False,
        ),
        (
            "souk-lantern",
            "Souk lantern",
            "Lanterne du souk",
            "فانوس السوق",
            "lanterns",
            "copper-lantern",
            Decimal("175.00"),
            "finish",
            False,
        ),
        (
            "hammam-bowl",
            "Hammam bowl (tassa)",
            "Tasse de hammam",
            "طاسة الحمّام",
            "ewers-basins",
            "copperware",
            Decimal("48.00"),
            None,
            False,
        ),
        (
            "aghlabid-basin",
            "Aghlabid basin",
            "Bassin aghlabide",
            "طست أغلبي",
            "ewers-basins",
            "copperware",
            Decimal("290.00"),
            None,
            True,
        ),
    ],
}

SIZE_FACTORS = {"small": Decimal("0.75"), "medium": Decimal("1"), "large": Decimal("1.35")}
SIZE_CM = {"small": Decimal("30"), "medium": Decimal("40"), "large": Decimal("52")}
