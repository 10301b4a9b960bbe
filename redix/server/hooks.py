"""Hook lists that command families register into at import time.

They live here, not on ``Server``, so a family module can register without
importing the loop (which imports the families).  ``Server`` exposes the same
list objects as class attributes (``Server.on_client_close`` ...).

    on_client_close(client)     a connection is going away: forget its state
    on_client_reset(client)     RESET: drop session state
    on_key_expired(db, key)     a key was reclaimed by lazy or active expiry
    on_shutdown(server)         the server is about to exit
"""
on_client_close: list = []
on_client_reset: list = []
on_key_expired: list = []
on_shutdown: list = []
