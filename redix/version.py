"""Version numbers Redix reports: its own, and the Redis release it speaks for.

``REDIS_VERSION`` is what clients see (INFO, HELLO, error banners) because
client libraries gate features on it; ``REDIX_VERSION`` is ours.
"""
REDIX_VERSION = "0.1.0"
REDIS_VERSION = "7.0.15"
