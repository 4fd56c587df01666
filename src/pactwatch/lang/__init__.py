"""Language packs: reviewed per-language data read by the same code."""
