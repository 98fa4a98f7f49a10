"""Wholesale group orders (issue 12): business buyers, quotes shared among a cluster's
workshops, production, one consolidated shipment; pooled raw-material purchases."""
