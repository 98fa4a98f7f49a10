"""Saleor 3.23's product mutations, each a thin call into ``marketplace.catalog.writes``."""
