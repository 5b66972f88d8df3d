"""Build tools: files the app serves, made from reference data (the map geometry)."""
