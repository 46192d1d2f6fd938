"""Where a site's pages live and the relative links between them."""

from __future__ import annotations

import pytest

from actionplan.site.layout import Slugs, action_anchor, href, slug


@pytest.mark.parametrize(
    ("page", "target", "fragment", "link"),
    [
        ("index.html", "plans/a/index.html", None, "plans/a/index.html"),
        ("plans/a/index.html", "plans/a/5.html", None, "5.html"),
        ("plans/a/5.html", "index.html", None, "../../index.html"),
        ("owners/x.html", "plans/a/5.html", "action-5.2", "../plans/a/5.html#action-5.2"),
        ("owners/index.html", "owners/x.html", None, "x.html"),
        ("plans/ab/5.html", "plans/a/index.html", None, "../../plans/a/index.html"),
    ],
)
def test_links_are_relative_to_the_page(
    page: str, target: str, fragment: str | None, link: str
) -> None:
    assert href(page, target, fragment) == link


def test_slugs_are_safe_and_unique_in_their_folder() -> None:
    assert slug("DSA Chair") == "dsa-chair"
    assert slug("../etc/passwd") == "etc-passwd"
    assert slug("“Quoted” ..") == "quoted"
    assert slug("???") == "item"
    slugs = Slugs()
    assert [slugs.of(k) for k in ("5.1", "5 1", "5-1", "index", "5.1")] == [
        "5.1",
        "5-1",
        "5-1-2",
        "index-2",
        "5.1",
    ]
    assert action_anchor("5.2a") == "action-5.2a"
