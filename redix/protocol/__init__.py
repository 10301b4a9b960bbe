"""RESP, the Redis wire protocol: request reading and reply encoding.

``resp`` selects the compiled reader/encoder or their pure-Python twin;
``replies`` holds the reply value types handlers return.
"""
