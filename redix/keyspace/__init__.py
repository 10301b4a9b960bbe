"""Keyspace helpers: key hashing (cluster slots, checksums) and glob matching."""
