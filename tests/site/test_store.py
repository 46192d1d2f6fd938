"""A site's manifest, site.json, as the store writes it."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan.site.store import GENERATOR, Manifest


@settings(max_examples=100)
@given(
    st.dictionaries(st.text(max_size=12), st.binary(min_size=32, max_size=32), max_size=6),
    st.dictionaries(st.text(max_size=6), st.booleans() | st.integers() | st.text(max_size=6)),
)
def test_site_json_is_written_a_page_a_line_as_json_dumps_writes_it(
    pages: dict[str, bytes], options: dict[str, object]
) -> None:
    manifest = Manifest("2020-03-01", options, pages, "0.2.0")
    document = {
        "generator": GENERATOR,
        "version": "0.2.0",
        "as_of": "2020-03-01",
        "options": options,
        "pages": {page: digest.hex() for page, digest in sorted(pages.items())},
    }
    assert manifest.json() == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
