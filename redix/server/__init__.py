"""The event loop, client connections and blocking operations."""
