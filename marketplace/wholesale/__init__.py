"""Wholesale (group) orders: a cluster takes a business buyer's order, shares it among its
member workshops, and ships it as one; plus pooled raw-material purchases."""
