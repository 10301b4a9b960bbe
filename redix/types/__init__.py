"""Value types and their encodings (stream IDs, ...)."""
