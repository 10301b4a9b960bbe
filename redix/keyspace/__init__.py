"""The keyspace: databases with lazy and active expiry, and key hashing."""
