"""Build script: cythonizes src_ext/*.pyx into the twins' dotted module names.

Set REDIX_NO_EXTENSIONS=1 for a pure-Python build.  A missing compiler or a
failed compile also falls back to pure Python, with a clear message, instead
of failing the install: every compiled module has a pure-Python twin.
"""
import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

# src_ext file -> importable module it becomes (next to its pure-Python twin).
EXTENSIONS = {
    "src_ext/_resp_c.pyx": "redix.protocol._resp_c",
    "src_ext/_hashing_c.pyx": "redix.keyspace._hashing_c",
    "src_ext/_streamid_c.pyx": "redix.types._streamid_c",
}

NO_EXTENSIONS = os.environ.get("REDIX_NO_EXTENSIONS", "") not in ("", "0")


class OptionalBuildExt(build_ext):
    """Let a compile failure degrade to the pure-Python twins."""

    def run(self):
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - any toolchain failure
            self._fallback(exc)

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as exc:  # noqa: BLE001
            self._fallback(exc)

    @staticmethod
    def _fallback(exc):
        print(f"*** Redix: compiled modules unavailable ({exc}); "
              "this is a pure-Python build.", file=sys.stderr)


def extensions():
    if NO_EXTENSIONS:
        print("*** Redix: REDIX_NO_EXTENSIONS is set: pure-Python build.", file=sys.stderr)
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("*** Redix: Cython not found: pure-Python build.", file=sys.stderr)
        return []
    from setuptools import Extension

    mods = [Extension(name, [src], extra_compile_args=["-O2"])
            for src, name in EXTENSIONS.items() if os.path.exists(src)]
    print("*** Redix: accelerated build (Cython).", file=sys.stderr)
    return cythonize(mods, language_level=3, quiet=True,
                     compiler_directives={"boundscheck": False, "wraparound": False})


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
