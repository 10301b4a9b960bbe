"""The keyspace: databases with lazy and active expiry (db), key hashing and glob matching."""
