"""pyvis with every resource inline and nothing fetched from a CDN.

pyvis's `in_line` mode still links Bootstrap from a CDN and writes its
heading unescaped, and it shows titles as HTML as soon as one contains
"href". We derive our template from pyvis's own (so it follows
the pinned pyvis) with those lines removed, the heading escaped and the HTML popup disabled, and
refuse to render if any remote URL is left in it.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

import pyvis
from jinja2 import DictLoader, Environment, FileSystemLoader, ChoiceLoader
from pyvis.network import Network

PYVIS_TEMPLATES = os.path.join(os.path.dirname(pyvis.__file__), "templates")
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


@lru_cache(maxsize=None)
def offline_template_source() -> str:
    with open(os.path.join(PYVIS_TEMPLATES, "template.html"), encoding="utf-8") as f:
        src = f.read()
    src = re.sub(r"<link[^>]*https?://[^>]*>", "", src, flags=re.S)
    src = re.sub(r"<script[^>]*src=\"https?://[^>]*>\s*</script>", "", src, flags=re.S)
    src = src.replace("{{heading}}", "{{heading|e}}")
    # pyvis switches to a popup filled with innerHTML when any node title contains "href": never take that branch
    src = src.replace("{% if tooltip_link %}", "{% if false %}")
    # the inline branch is the only one we render: drop the others' remote links from view
    src = re.sub(r"\{% if cdn_resources==\"local\" %\}.*?\{% elif cdn_resources==\"in_line\" %\}",
                 "{% if cdn_resources==\"in_line\" %}", src, flags=re.S)
    src = re.sub(r"\{%\s*elif cdn_resources==\"remote\" %\}.*?\{% endif %\}\s*\{% endif %\}",
                 "{% endif %}", src, count=1, flags=re.S)
    if REMOTE.search(src):
        raise RuntimeError("pyvis template still references a remote resource: refusing to render")
    return src


def offline_network(**kwargs) -> Network:
    net = Network(cdn_resources="in_line", **kwargs)
    net.templateEnv = Environment(loader=ChoiceLoader([
        DictLoader({"offline.html": offline_template_source()}), FileSystemLoader(PYVIS_TEMPLATES)]))
    net.path = "offline.html"
    return net
