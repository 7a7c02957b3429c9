"""Freed memory given back to the system between the stages of a build.

A build frees a lot between its stages (the decoded cache entries after the merge, the edge layer's
parts and listing rows after the dataset text, Oxigraph's loader after the store), but glibc's
malloc keeps freed pages that lie below memory still in use, so the process's resident size stays at
the high-water mark of the last stage and the next stage's peak is added on top of it. malloc_trim
hands those pages back: at 20,000 articles 32-46 MiB after the merge, 36 MiB after the dataset text
and 97 MiB after the store (docs/performance.md). Elsewhere than glibc it does nothing.
"""
from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):   # not glibc (macOS, musl): nothing to call
        return None


def give_back() -> bool:
    """Return the heap's free pages to the system; False where there is no malloc_trim. No gc.collect():
    the records hold no cycles to speak of (after the merge at 20,000 articles it found none, in 0.5 s),
    and malloc_trim takes about 10 ms."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
