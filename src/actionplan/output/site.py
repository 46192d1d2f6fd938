"""A site's page made whole: the report pages' own shell (`render._PAGE`: lang en-GB, the title,
one h1, `<main>`), with the site's navigation, breadcrumbs and the date it was built for around
`<main>`, and the report pages' styles (with the site's own) in one style sheet every page links
to, rather than in each page. No script, no network resource; every link relative.

Email addresses are withheld here, from every piece of a page's text, unless the build asks for
them: a published page never carries one by accident (a progress note that quotes one, say).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from actionplan.output.formats import DateStyle
from actionplan.output.render import (
    _PAGE,
    PAGE_STYLE,
    _html_text,
    date_in_words,
    document_text,
    html_parts,
)
from actionplan.views.document import Block

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
WITHHELD_EMAIL = "[email address withheld]"
WORDS = DateStyle.WORDS  # dates in words, as the papers write them

# Added to the report pages' styles: the navigation as a row of links, the breadcrumbs with a
# separator that is not read out (it is drawn by CSS: `›`, escaped so the sheet is ASCII and
# reads the same whatever character set a server names for it), and the footer set apart.
SITE_STYLE = r"""header, footer { margin: 0 0 1.2em; }
header nav ul, header nav ol { list-style: none; margin: 0 0 0.4em; padding: 0; }
header nav li { display: inline; margin-right: 1em; }
nav.breadcrumbs li { margin-right: 0.3em; }
nav.breadcrumbs li + li::before { content: "\203A"; margin-right: 0.5em; color: #505a5f; }
a { color: #1d70b8; }
a:visited { color: #4c2c92; }
a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
footer { margin-top: 2em; border-top: 1px solid #b1b4b6; padding-top: 0.5em; font-size: 10pt; }
@media print { header nav { display: none; } }
"""

# The site's style sheet (`layout.STYLE_SHEET`), linked from every page: written once, not
# repeated in each of a portfolio's tens of thousands of pages (a third of a small page).
STYLE_SHEET = PAGE_STYLE + SITE_STYLE


def withhold_emails(text: str) -> str:
    """`text` with every email address replaced by WITHHELD_EMAIL."""
    return EMAIL.sub(WITHHELD_EMAIL, text)


def site_html(block: Block, *, include_emails: bool = False) -> str:
    """One block as a site's page gives it (`html_parts`, dates in words), email addresses
    withheld unless the site includes them: HTML made ahead of its page, for `site_page_parts`'
    `rendered` (an owner's table of a plan's actions, made where the plan is built)."""
    made = "".join(html_parts([block], words=True))
    return made if include_emails or "@" not in made else withhold_emails(made)


# Where the blocks go in a page's shell: text from a plan is escaped, so it never holds this.
_BODY = "<!--body-->"


def site_page_parts(
    title: str,
    blocks: Iterable[Block],
    *,
    as_of: date,
    nav: Sequence[tuple[str, str]],
    trail: Sequence[tuple[str, str]],
    footer: str,
    style_sheet: str,
    include_emails: bool = False,
    rendered: Iterable[str] = (),
) -> Iterator[str]:
    """The page in pieces: the page above its blocks, each block's HTML as it is made (the
    blocks are taken one at a time, so a long page need never be held whole), then what is
    `rendered` already (`site_html`'s HTML, in pieces), the rest.

    The site's `nav` (label, relative link), the breadcrumbs (`trail`, the pages above this
    one, then its title), the blocks under the title and the as-of date, and a footer that says
    what the site is and when it was built for; `style_sheet` links the site's styles."""
    title = document_text(title, WORDS)
    if not include_emails:
        title = withhold_emails(title)
    as_of_line = (
        f'<p class="as-of">As of <time datetime="{as_of.isoformat()}">'
        f"{date_in_words(as_of)}</time></p>\n"
    )
    head, top, above, below, tail = _SHELL
    crumbs = "".join(
        f'<li><a href="{html.escape(href)}">{html.escape(document_text(label, WORDS))}</a></li>'
        for label, href in trail
    )
    crumbs += f'<li aria-current="page">{html.escape(title)}</li>'
    header = (
        "<header>\n"
        f'<nav aria-label="Site"><ul>{_links(tuple(nav))}</ul></nav>\n'
        f'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>{crumbs}</ol></nav>\n'
        "</header>\n"
    )
    closing = _closing(footer)
    head = head.replace(_TITLE, html.escape(title), 1)
    above = above.replace(_HEADING, _html_text(title), 1)

    def shown(text: str) -> str:
        # Only what follows the styles, which hold @page and @media; an address never spans
        # two pieces, which meet at a tag.
        return withhold_emails(text) if not include_emails and "@" in text else text

    link = f'<link rel="stylesheet" href="{html.escape(style_sheet)}">\n'
    yield head + link + shown(f"{top}{header}<main>{above}{as_of_line}")
    for part in html_parts(blocks, skip_first_heading=title, words=True):
        yield shown(part)
    for part in rendered:
        yield shown(part)
    yield shown(f"{below}</main>\n{closing}{tail}")


# The report pages' shell (`render._PAGE`) as a site's page takes it, cut once, not for each of
# a portfolio's tens of thousands of pages: what is above the styles (the title in it), what is
# between them and `<main>`, `<main>`'s opening (the h1) and its close, and what follows it.
_TITLE, _HEADING = "<!--title-->", "<!--heading-->"


def _shell() -> tuple[str, str, str, str, str]:
    page = _PAGE.format(title=_TITLE, heading=_HEADING, body=_BODY)
    head, _, rest = page.partition("<style>\n")
    top, _, main = rest.partition("</style>\n")[2].partition("<main>")
    inside, _, tail = main.rpartition("</main>")
    above, _, below = inside.partition(_BODY)
    return head, top, above, below, tail.lstrip()


_SHELL = _shell()


@functools.lru_cache(maxsize=64)  # the same few links on every page at one depth
def _links(nav: tuple[tuple[str, str], ...]) -> str:
    return "".join(
        f'<li><a href="{html.escape(href)}">{html.escape(label)}</a></li>' for label, href in nav
    )


@functools.lru_cache(maxsize=8)  # one footer a build
def _closing(footer: str) -> str:
    return f"<footer>\n<p>{html.escape(footer)}</p>\n</footer>\n"
