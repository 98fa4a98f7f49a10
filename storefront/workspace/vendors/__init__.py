"""Onboarding, the storefront editor and the cluster manager's pages (issue 11)."""
