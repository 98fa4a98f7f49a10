"""The shop stores nothing of its own: buyers' scan reports live in marketplace.authenticity
(the domain flags and reviews certificates with them)."""
