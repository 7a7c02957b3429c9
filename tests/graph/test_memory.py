import sys

import pytest

from graph.memory import _malloc_trim, give_back


def _rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux") or _malloc_trim() is None, reason="glibc's malloc_trim")
def test_freed_pages_below_memory_in_use_go_back_to_the_system():
    blocks = [bytes(1000) for _ in range(100_000)]   # ~100 MiB of malloc'd (not pymalloc) blocks
    pinned = bytes(1000)   # allocated after them: the heap's top cannot simply shrink
    before = _rss_mib()
    del blocks
    assert give_back()
    assert _rss_mib() < before - 50
    del pinned
