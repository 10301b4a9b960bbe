# cython: language_level=3
# cython: cdivision=True, initializedcheck=False, auto_pickle=False
"""Compiled twin of the RESP reader and reply encoder (``_resp_py`` is the reference).

Same public names and behaviour as ``redix/protocol/_resp_py.py``, whose
docstring documents the API and the Redis 7.0 quirks both twins keep.  The
differences are speed only:

* ``Reader`` keeps the unparsed bytes in a malloc'd buffer it compacts lazily
  (on ``feed``, when it would otherwise grow), parses over a raw pointer with
  ``memchr`` and a C port of Redis's ``string2ll``, and, like the twin,
  remembers the state inside a multibulk so a large bulk is never rescanned.
* ``write_reply`` dispatches on the exact type, most frequent first, and
  writes each reply element with one ``PyByteArray_Resize`` and ``memcpy``.

``write_reply`` needs a real ``bytearray`` for ``out`` (the twin would accept
anything that supports ``+=``); ``max_bulk_len`` is a C ``long long``.
"""
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize, PyBytes_GET_SIZE
from cpython.bytearray cimport PyByteArray_AS_STRING, PyByteArray_GET_SIZE, PyByteArray_Resize
from cpython.buffer cimport PyBUF_SIMPLE, PyBuffer_Release, PyObject_GetBuffer
from cpython.conversion cimport PyOS_double_to_string
from cpython.float cimport PyFloat_AS_DOUBLE
from cpython.list cimport PyList_GET_SIZE
from cpython.long cimport PyLong_AsLongLongAndOverflow
from cpython.mem cimport PyMem_Free
from cpython.unicode cimport PyUnicode_AsUTF8String
from libc.stdlib cimport free, malloc, realloc
from libc.math cimport INFINITY
from libc.string cimport memchr, memcpy, memmove, strlen

from redix.errors import ProtocolError
from redix.protocol.replies import (
    NULL_ARRAY, BigNumber, ErrorReply, Preencoded, Push, Raw, SetReply, Simple, Verbatim,
)

cdef extern from "Python.h":
    bint PyBytes_CheckExact(object o)
    bint PyByteArray_CheckExact(object o)
    # Nested replies recurse in C: keep Python's recursion limit in charge.
    # Nonzero (1, not -1) with RecursionError set when the limit is hit.
    int Py_EnterRecursiveCall(const char *where)
    void Py_LeaveRecursiveCall()


class _NeedMore:
    __slots__ = ()

    def __repr__(self):
        return "NEED_MORE"


NEED_MORE = _NeedMore()

INLINE_MAX = 64 * 1024
MULTIBULK_MAX = 2**31 - 1
STRICT_MULTIBULK_MAX = 10
STRICT_BULK_MAX = 16384

cdef enum:
    _INLINE_MAX = 64 * 1024
    _MULTIBULK_MAX = 2147483647
    _STRICT_MULTIBULK_MAX = 10
    _STRICT_BULK_MAX = 16384
    _INITIAL_CAP = 16 * 1024
    # After a big bulk, an emptied buffer larger than this goes back to the
    # initial size, so one large SET does not pin its memory to the client.
    _SHRINK_ABOVE = 1024 * 1024

# C-level references: comparing type pointers beats module-global lookups.
cdef object _Raw = Raw
cdef object _Simple = Simple
cdef object _ErrorReply = ErrorReply
cdef object _Push = Push
cdef object _SetReply = SetReply
cdef object _Verbatim = Verbatim
cdef object _BigNumber = BigNumber
cdef object _Preencoded = Preencoded
cdef object _NULL_ARRAY = NULL_ARRAY
cdef object _ProtocolError = ProtocolError


# --- integers ----------------------------------------------------------------

cdef bint _string2ll(const unsigned char *s, Py_ssize_t slen, long long *value) noexcept nogil:
    """Redis's string2ll: optional '-', no '+', no leading zeros, no spaces, no overflow."""
    cdef const unsigned char *p = s
    cdef Py_ssize_t plen = 0
    cdef bint negative = False
    cdef unsigned long long v
    cdef unsigned int d
    if slen <= 0 or slen >= 21:
        return False
    if slen == 1 and p[0] == c'0':
        value[0] = 0
        return True
    if p[0] == c'-':
        negative = True
        p += 1
        plen += 1
        if plen == slen:
            return False
    if p[0] >= c'1' and p[0] <= c'9':
        v = p[0] - c'0'
        p += 1
        plen += 1
    else:
        return False
    while plen < slen and p[0] >= c'0' and p[0] <= c'9':
        d = p[0] - c'0'
        if v > 1844674407370955161ULL:          # ULLONG_MAX / 10
            return False
        v *= 10
        if v > 18446744073709551615ULL - d:
            return False
        v += d
        p += 1
        plen += 1
    if plen < slen:
        return False
    if negative:
        if v > 9223372036854775808ULL:
            return False
        # -v written so that -2**63 does not overflow on the way.
        value[0] = -<long long>(v - 1) - 1
    else:
        if v > 9223372036854775807ULL:
            return False
        value[0] = <long long>v
    return True


cdef inline unsigned char *_header_end(unsigned char *p, unsigned char *end,
                                      long long *n, bint *ok) noexcept nogil:
    """The CR ending the ``*``/``$`` header line at ``p``, as Redis finds it.

    NULL while there is no CR, or a NUL hides it (Redis uses strchr).
    ``ok`` tells whether the digits between are a valid string2ll number,
    stored in ``n``.  The caller still checks that a byte follows the CR.
    """
    cdef unsigned char *q = p + 1
    cdef unsigned char *cr
    cdef long long v
    # Nearly every header is a short plain count: read it in the same pass
    # that finds its end.  Anything else (0, '-', 19+ digits, garbage) takes
    # the general path below, which gives the same answer for these.
    if q < end and q[0] >= c'1' and q[0] <= c'9':
        v = q[0] - c'0'
        q += 1
        while q < end and q[0] >= c'0' and q[0] <= c'9' and q - p <= 18:
            v = v * 10 + (q[0] - c'0')
            q += 1
        if q + 1 < end and q[0] == c'\r':
            n[0] = v
            ok[0] = True
            return q
    ok[0] = False
    cr = <unsigned char *>memchr(p, c'\r', end - p)
    if cr != NULL:
        ok[0] = _string2ll(p + 1, cr - p - 1, n)
        # A valid number has no NUL, so only a bad one needs the check.
        if not ok[0] and memchr(p, 0, cr - p) != NULL:
            cr = NULL
    return cr


cdef inline Py_ssize_t _fmt_ll(char *dst, long long v) noexcept nogil:
    """Decimal ``v`` at ``dst`` (at most 20 bytes); returns the length."""
    cdef char tmp[24]
    cdef unsigned long long u
    cdef Py_ssize_t n = 0, i = 0
    if v < 0:
        dst[0] = c'-'
        n = 1
        u = <unsigned long long>(-(v + 1)) + 1
    else:
        u = <unsigned long long>v
    while True:
        tmp[i] = <char>(c'0' + u % 10)
        i += 1
        u //= 10
        if u == 0:
            break
    while i:
        i -= 1
        dst[n] = tmp[i]
        n += 1
    return n


# --- inline commands -----------------------------------------------------------

cdef inline bint _isspace(unsigned char c) noexcept nogil:
    return c == c' ' or c == c'\n' or c == c'\r' or c == c'\t' or c == 11 or c == 12


cdef inline int _hexval(unsigned char c) noexcept nogil:
    if c >= c'0' and c <= c'9':
        return c - c'0'
    if c >= c'a' and c <= c'f':
        return c - c'a' + 10
    if c >= c'A' and c <= c'F':
        return c - c'A' + 10
    return -1


cdef bint _split(list args, const unsigned char *s, Py_ssize_t n) except -1:
    """sdssplitargs over ``s[:n]`` (no NUL inside) into ``args``; False if unbalanced.

    ``args`` comes from the caller, created before it took ``s``: creating a
    list can run the garbage collector, and so arbitrary finalizers.
    """
    cdef Py_ssize_t i = 0, k
    cdef bint in_dq, in_sq
    cdef unsigned char c
    cdef char stack_tok[256]
    cdef char *tok = stack_tok
    # A token never outgrows its line, so one scratch buffer of n bytes serves all.
    if n > 256:
        tok = <char *>malloc(n)
        if tok == NULL:
            raise MemoryError()
    try:
        while True:
            while i < n and _isspace(s[i]):
                i += 1
            if i >= n:
                return True
            k = 0
            in_dq = in_sq = False
            while True:
                if in_dq:
                    if i >= n:
                        return False
                    c = s[i]
                    if (c == c'\\' and i + 3 < n and s[i + 1] == c'x'
                            and _hexval(s[i + 2]) >= 0 and _hexval(s[i + 3]) >= 0):
                        tok[k] = <char>(_hexval(s[i + 2]) * 16 + _hexval(s[i + 3]))
                        k += 1
                        i += 3
                    elif c == c'\\' and i + 1 < n:
                        i += 1
                        c = s[i]
                        if c == c'n':
                            c = c'\n'
                        elif c == c'r':
                            c = c'\r'
                        elif c == c't':
                            c = c'\t'
                        elif c == c'b':
                            c = 8
                        elif c == c'a':
                            c = 7
                        tok[k] = <char>c
                        k += 1
                    elif c == c'"':
                        # A closing quote must be followed by a space or the end.
                        if i + 1 < n and not _isspace(s[i + 1]):
                            return False
                        in_dq = False
                        i += 1
                        break
                    else:
                        tok[k] = <char>c
                        k += 1
                elif in_sq:
                    if i >= n:
                        return False
                    c = s[i]
                    if c == c'\\' and i + 1 < n and s[i + 1] == c"'":
                        i += 1
                        tok[k] = c"'"
                        k += 1
                    elif c == c"'":
                        if i + 1 < n and not _isspace(s[i + 1]):
                            return False
                        in_sq = False
                        i += 1
                        break
                    else:
                        tok[k] = <char>c
                        k += 1
                else:
                    if i >= n:
                        break
                    c = s[i]
                    # Redis keeps \v and \f inside a bare token.
                    if c == c' ' or c == c'\n' or c == c'\r' or c == c'\t':
                        break
                    if c == c'"':
                        in_dq = True
                    elif c == c"'":
                        in_sq = True
                    else:
                        tok[k] = <char>c
                        k += 1
                i += 1
            args.append(PyBytes_FromStringAndSize(tok, k))
    finally:
        if tok != stack_tok:
            free(tok)


def split_inline(line):
    """Split an inline command like Redis's sdssplitargs; None if quotes are unbalanced."""
    cdef Py_buffer view
    cdef const unsigned char *s
    cdef const void *nul
    cdef Py_ssize_t n
    cdef list args = []
    PyObject_GetBuffer(line, &view, PyBUF_SIMPLE)
    try:
        s = <const unsigned char *>view.buf
        n = view.len
        # sdssplitargs reads a C string: nothing after a NUL exists for it.
        nul = memchr(s, 0, n)
        if nul != NULL:
            n = <const unsigned char *>nul - s
        return args if _split(args, s, n) else None
    finally:
        PyBuffer_Release(&view)


# --- the reader ------------------------------------------------------------------

cdef class Reader:
    """Incremental request parser: multibulk and inline, pipelined, split anywhere."""

    cdef unsigned char *_buf
    cdef Py_ssize_t _cap
    cdef Py_ssize_t _start          # first unconsumed byte
    cdef Py_ssize_t _end            # one past the last received byte
    cdef long long _argc            # arguments still expected in the current multibulk
    cdef long long _bulk            # length of the bulk being awaited, -1 = need its header
    cdef list _args                 # arguments read so far in it
    cdef Py_ssize_t _argi           # how many: _args is preallocated, None past this
    cdef public long long max_bulk_len
    cdef public bint strict
    cdef public object error

    def __cinit__(self, long long max_bulk_len=512 * 1024 * 1024):
        self._buf = <unsigned char *>malloc(_INITIAL_CAP)
        if self._buf == NULL:
            raise MemoryError()
        self._cap = _INITIAL_CAP
        self._bulk = -1
        self.max_bulk_len = max_bulk_len
        self.strict = False
        self.error = None

    def __dealloc__(self):
        free(self._buf)

    cdef int _append(self, const unsigned char *data, Py_ssize_t n) except -1:
        cdef Py_ssize_t live, cap
        cdef unsigned char *grown
        if self._end + n > self._cap:
            # Slide the live bytes down before growing: they are at most one
            # partial command, and growth doubles, so feeding stays linear.
            live = self._end - self._start
            if self._start:
                memmove(self._buf, self._buf + self._start, live)
                self._start = 0
                self._end = live
            if live + n > self._cap:
                cap = self._cap * 2
                if cap < live + n:
                    cap = live + n
                grown = <unsigned char *>realloc(self._buf, cap)
                if grown == NULL:
                    raise MemoryError()
                self._buf = grown
                self._cap = cap
        memcpy(self._buf + self._end, data, n)
        self._end += n
        return 0

    def feed(self, data):
        """Append received bytes (any bytes-like object)."""
        cdef Py_buffer view
        if PyBytes_CheckExact(data):
            self._append(<const unsigned char *>PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data))
        elif PyByteArray_CheckExact(data):
            self._append(<const unsigned char *>PyByteArray_AS_STRING(data),
                         PyByteArray_GET_SIZE(data))
        else:
            PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
            try:
                self._append(<const unsigned char *>view.buf, view.len)
            finally:
                PyBuffer_Release(&view)

    def pending(self):
        """Bytes received but not yet consumed."""
        return self._end - self._start

    cdef int _drained(self) except -1:
        cdef unsigned char *small
        self._start = self._end = 0
        if self._cap > _SHRINK_ABOVE:
            small = <unsigned char *>realloc(self._buf, _INITIAL_CAP)
            if small != NULL:
                self._buf = small
                self._cap = _INITIAL_CAP
        return 0

    cdef object _inline(self):
        """One inline line: its args (maybe empty), or None to wait for more bytes."""
        cdef list args = []         # before taking pointers: see _split
        cdef unsigned char *p = self._buf + self._start
        cdef unsigned char *end = self._buf + self._end
        cdef unsigned char *nl
        cdef unsigned char *stop
        cdef bint balanced
        nl = <unsigned char *>memchr(p, c'\n', end - p)
        if nl != NULL and memchr(p, 0, nl - p) != NULL:
            nl = NULL       # strchr stops at the NUL
        if nl == NULL:
            if end - p > _INLINE_MAX:
                raise _ProtocolError("too big inline request")
            return None
        stop = nl - 1 if nl > p and (nl - 1)[0] == c'\r' else nl
        balanced = _split(args, p, stop - p)
        self._start = nl + 1 - self._buf
        if not balanced:
            raise _ProtocolError("unbalanced quotes in request")
        return args

    cdef object _next(self):
        """The next complete command, None to wait; raises ProtocolError."""
        cdef unsigned char *buf
        cdef unsigned char *p
        cdef unsigned char *end
        cdef unsigned char *cr
        cdef long long n = 0
        cdef bint ok
        cdef list args
        cdef object item
        while True:
            buf = self._buf
            end = buf + self._end
            if self._argc == 0:
                p = buf + self._start
                if p >= end:
                    self._drained()
                    return None
                if p[0] != c'*':
                    args = self._inline()
                    if args is None:
                        return None
                    if args:
                        return args
                    continue
                cr = _header_end(p, end, &n, &ok)
                if cr == NULL:
                    if end - p > _INLINE_MAX:
                        raise _ProtocolError("too big mbulk count string")
                    return None
                if cr + 1 >= end:
                    return None
                if not ok or n > _MULTIBULK_MAX:
                    raise _ProtocolError("invalid multibulk length")
                if self.strict and n > _STRICT_MULTIBULK_MAX:
                    raise _ProtocolError("unauthenticated multibulk length")
                self._start = cr + 2 - buf
                if n <= 0:
                    continue
                self._argc = n
                self._argi = 0
                # Sized up front like Redis's argv (at most 1024, then grown) and
                # filled by index.  None, not NULL, in the empty slots: the
                # garbage collector can show this list to Python code.
                self._args = [None] * (n if n < 1024 else 1024)
            args = self._args
            while self._argc:
                # Reloaded each round: creating the list above may have run
                # a finalizer that fed this reader and moved its buffer.
                buf = self._buf
                end = buf + self._end
                p = buf + self._start
                if self._bulk < 0:
                    if p >= end:
                        return None
                    if p[0] == c'$':
                        cr = _header_end(p, end, &n, &ok)
                    else:
                        ok = False
                        cr = <unsigned char *>memchr(p, c'\r', end - p)
                        if cr != NULL and memchr(p, 0, cr - p) != NULL:
                            cr = NULL
                    if cr == NULL:
                        if end - p > _INLINE_MAX:
                            raise _ProtocolError("too big bulk count string")
                        return None
                    if cr + 1 >= end:
                        return None
                    # Redis looks at the '$' only once the whole line is in.
                    if p[0] != c'$':
                        raise _ProtocolError("expected '$', got '%s'" % chr(p[0]))
                    if not ok or n < 0 or n > self.max_bulk_len:
                        raise _ProtocolError("invalid bulk length")
                    if self.strict and n > _STRICT_BULK_MAX:
                        raise _ProtocolError("unauthenticated bulk length")
                    p = cr + 2
                    self._start = p - buf
                    self._bulk = n
                if end - p < self._bulk + 2:
                    return None
                item = PyBytes_FromStringAndSize(<char *>p, <Py_ssize_t>self._bulk)
                if self._argi < PyList_GET_SIZE(args):
                    args[self._argi] = item
                else:
                    args.append(item)
                self._argi += 1
                self._start += <Py_ssize_t>self._bulk + 2
                self._bulk = -1
                self._argc -= 1
            self._args = None
            return args

    def gets(self):
        """The next complete command as a list of bytes, or NEED_MORE."""
        cmd = self._next()
        return NEED_MORE if cmd is None else cmd

    def commands(self):
        """Every complete command buffered; a protocol error stops the list and sets .error."""
        cdef list out = []
        cdef object cmd
        try:
            while True:
                cmd = self._next()
                if cmd is None:
                    break
                out.append(cmd)
        except _ProtocolError as exc:
            self.error = exc.args[0]
        return out


# --- reply encoding ----------------------------------------------------------------

cdef inline char *_grow(bytearray out, Py_ssize_t extra) except NULL:
    """Room for ``extra`` more bytes at the end of ``out``; returns where they start."""
    cdef Py_ssize_t old = PyByteArray_GET_SIZE(out)
    PyByteArray_Resize(out, old + extra)
    return PyByteArray_AS_STRING(out) + old


cdef inline int _put(bytearray out, const char *data, Py_ssize_t n) except -1:
    memcpy(_grow(out, n), data, n)
    return 0


cdef inline int _head(bytearray out, char kind, long long count) except -1:
    """``<kind><count>\\r\\n``: integers and aggregate headers."""
    cdef char tmp[32]
    cdef Py_ssize_t h
    tmp[0] = kind
    h = 1 + _fmt_ll(tmp + 1, count)
    tmp[h] = c'\r'
    tmp[h + 1] = c'\n'
    return _put(out, tmp, h + 2)


cdef int _bulk(bytearray out, const char *data, Py_ssize_t n) except -1:
    """``$<n>\\r\\n<data>\\r\\n`` with a single resize."""
    cdef char tmp[32]
    cdef Py_ssize_t h
    cdef char *dst
    tmp[0] = c'$'
    h = 1 + _fmt_ll(tmp + 1, n)
    tmp[h] = c'\r'
    tmp[h + 1] = c'\n'
    h += 2
    dst = _grow(out, h + n + 2)
    memcpy(dst, tmp, h)
    memcpy(dst + h, data, n)
    dst[h + n] = c'\r'
    dst[h + n + 1] = c'\n'
    return 0


cdef int _line(bytearray out, char kind, const char *data, Py_ssize_t n) except -1:
    """``<kind><data>\\r\\n``: status, error, double, big number."""
    cdef char *dst = _grow(out, n + 3)
    dst[0] = kind
    memcpy(dst + 1, data, n)
    dst[n + 1] = c'\r'
    dst[n + 2] = c'\n'
    return 0


cdef int _verbatim(bytearray out, const char *data, Py_ssize_t n) except -1:
    cdef char tmp[40]
    cdef Py_ssize_t h
    cdef char *dst
    tmp[0] = c'='
    h = 1 + _fmt_ll(tmp + 1, n + 4)
    memcpy(tmp + h, b"\r\ntxt:", 6)
    h += 6
    dst = _grow(out, h + n + 2)
    memcpy(dst, tmp, h)
    memcpy(dst + h, data, n)
    dst[h + n] = c'\r'
    dst[h + n + 1] = c'\n'
    return 0


cdef int _double(bytearray out, double value, bint resp3) except -1:
    cdef char *text
    if value != value:
        text = b"nan"
    elif value == INFINITY:
        text = b"inf"
    elif value == -INFINITY:
        text = b"-inf"
    else:
        # The twin's b"%.17g" goes through this same function.
        text = PyOS_double_to_string(value, c'g', 17, 0, NULL)
        try:
            if resp3:
                _line(out, c',', text, strlen(text))
            else:
                _bulk(out, text, strlen(text))
        finally:
            PyMem_Free(text)
        return 0
    if resp3:
        _line(out, c',', text, strlen(text))
    else:
        _bulk(out, text, strlen(text))
    return 0


cdef int _items(bytearray out, object value, bint resp3) except -1:
    """Every element of an aggregate, under the recursion limit."""
    if Py_EnterRecursiveCall(" while encoding a reply"):
        return -1
    try:
        if type(value) is list:
            for item in <list>value:
                _write(out, item, resp3)
        elif type(value) is tuple:
            for item in <tuple>value:
                _write(out, item, resp3)
        else:
            for item in value:
                _write(out, item, resp3)
    finally:
        Py_LeaveRecursiveCall()
    return 0


cdef int _write(bytearray out, object value, bint resp3) except -1:
    cdef object kind = type(value)
    cdef int overflow = 0
    cdef long long v
    if kind is bytes:
        _bulk(out, PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value))
    elif kind is _Raw:
        _put(out, PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value))
    elif kind is int:
        v = PyLong_AsLongLongAndOverflow(value, &overflow)
        if overflow:
            out += b":%d\r\n" % value
        else:
            _head(out, c':', v)
    elif value is None:
        if resp3:
            _put(out, b"_\r\n", 3)
        else:
            _put(out, b"$-1\r\n", 5)
    elif kind is list or kind is tuple:
        _head(out, c'*', len(value))
        _items(out, value, resp3)
    elif kind is _Simple:
        _line(out, c'+', PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value))
    elif kind is _ErrorReply:
        _line(out, c'-', PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value))
    elif kind is bool:
        if resp3:
            _put(out, b"#t\r\n" if value is True else b"#f\r\n", 4)
        else:
            _put(out, b":1\r\n" if value is True else b":0\r\n", 4)
    elif kind is float:
        _double(out, PyFloat_AS_DOUBLE(value), resp3)
    elif kind is dict:
        if resp3:
            _head(out, c'%', len(value))
        else:
            _head(out, c'*', 2 * len(value))
        if Py_EnterRecursiveCall(" while encoding a reply"):
            return -1
        try:
            for key, item in (<dict>value).items():
                _write(out, key, resp3)
                _write(out, item, resp3)
        finally:
            Py_LeaveRecursiveCall()
    elif kind is set or kind is frozenset or kind is _SetReply:
        _head(out, c'~' if resp3 else c'*', len(value))
        _items(out, value, resp3)
    elif kind is _Push:
        _head(out, c'>' if resp3 else c'*', len(value))
        _items(out, value, resp3)
    elif kind is _Verbatim:
        if resp3:
            _verbatim(out, PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value))
        else:
            _bulk(out, PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value))
    elif kind is _BigNumber:
        if resp3:
            _line(out, c'(', PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value))
        else:
            _bulk(out, PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value))
    elif value is _NULL_ARRAY:
        if resp3:
            _put(out, b"_\r\n", 3)
        else:
            _put(out, b"*-1\r\n", 5)
    elif kind is _Preencoded:
        out += value.resp3 if resp3 else value.resp2
    elif kind is str:
        _write(out, PyUnicode_AsUTF8String(value), resp3)
    else:
        raise TypeError(f"cannot encode reply of type {kind.__name__}")
    return 0


def write_reply(bytearray out not None, value, bint resp3):
    """Append the RESP encoding of a reply value to the bytearray ``out``."""
    _write(out, value, resp3)


def encode(value, bint resp3=False):
    """The RESP encoding of a reply value, as bytes."""
    cdef bytearray out = bytearray()
    _write(out, value, resp3)
    return PyBytes_FromStringAndSize(PyByteArray_AS_STRING(out), PyByteArray_GET_SIZE(out))
