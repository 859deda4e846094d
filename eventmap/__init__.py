"""Conflict event map: curated and ACLED event data, validation, geocoding, filtering, map layers and export."""
