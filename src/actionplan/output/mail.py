"""Chasers as email messages: `.eml` files an officer opens, checks and sends (nothing is sent).

Every header is built by the standard library's `email` package: addresses as
`email.headerregistry.Address`, values set through `EmailMessage`'s header API, which encodes
what is not ASCII and refuses a line break. Plan text reaches a header only through
`escape.mail_line`, which makes it one line first, so no name or title can end a header and
start another (a `Bcc:` of its own). The body has a plain-text part and an accessible HTML
part (`lang="en-GB"`, a table per plan with a caption and header cells with their scope).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime, time
from email import policy
from email.errors import HeaderParseError, MessageError
from email.headerregistry import Address
from email.message import EmailMessage

from actionplan.errors import ActionPlanError
from actionplan.output.escape import mail_line, terminal
from actionplan.reports.chase import Owner
from actionplan.views.chase import Entry, Letter

DEFAULT_SENDER = "Action plan officer <action-plans@example.invalid>"
BOUNDARY = "=_actionplan-chaser"
SENT_AT = time(9, 0)  # the Date header: 09:00 UTC on the as-of day


class MailError(ActionPlanError):
    """An address given on the command line that is not one."""


def parse_sender(text: str) -> Address:
    """The --from address (`Jane Officer <jane.officer@council.gov.uk>`, or the bare address).

    Raises MailError naming the value and an example when it is not one address.
    """
    example = "give one address, e.g. --from 'Jane Officer <jane.officer@council.gov.uk>'"
    if len(text.strip().splitlines()) > 1:
        raise MailError(f"--from {text!r} holds a line break: {example}")
    line = " ".join(text.split())
    try:
        header = policy.default.header_factory("From", line)
        addresses: tuple[Address, ...] = getattr(header, "addresses", ())
        usable = not header.defects and len(addresses) == 1 and bool(addresses[0].domain)
    except (ValueError, IndexError, HeaderParseError):  # the parser's own, on some values
        usable = False
    if not usable:
        raise MailError(f"--from {text!r} is not an email address: {example}")
    return addresses[0]


def recipient(owner: Owner) -> Address | str:
    """The owner's address for To, or why there is none (`no email address`, `email 'x' is not
    an address`)."""
    if owner.email is None:
        return "no email address"
    try:
        address = Address(display_name=mail_line(owner.name), addr_spec=owner.email)
        address.addr_spec.encode("ascii")  # a mail server takes an ASCII address
    except (ValueError, IndexError, HeaderParseError, UnicodeEncodeError):
        return f"email {mail_line(owner.email)!r} is not an address"
    if not address.domain or not address.username:
        return f"email {mail_line(owner.email)!r} is not an address"
    return address


def chaser_message(letter: Letter, sender: Address) -> EmailMessage:
    """The letter as an email: From, To (when the owner has a usable address), Subject and
    Date headers, then a plain-text part and an HTML part, as alternatives."""
    message = EmailMessage(policy=policy.default)
    message["From"] = sender
    to = recipient(letter.owner)
    if isinstance(to, Address):
        message["To"] = to
    message["Subject"] = mail_line(letter.subject)
    message["Date"] = datetime.combine(letter.as_of, SENT_AT, tzinfo=UTC)
    # Outlook opens a message with this header as a draft to send, not as one received.
    message["X-Unsent"] = "1"
    message.set_content(plain_text(letter), cte="quoted-printable")
    message.add_alternative(html_page(letter), subtype="html", cte="quoted-printable")
    # A fixed boundary, so a run gives the same file every time. It starts with "=_", which
    # quoted-printable never leaves in a body (every "=" there is written "=3D"), so no plan
    # text can hold it and end a part early.
    message.set_boundary(BOUNDARY)
    return message


def eml_bytes(message: EmailMessage) -> bytes:
    """The message as an `.eml` file: CRLF line ends, as RFC 5322 has them."""
    try:
        return message.as_bytes(policy=policy.SMTP)
    except MessageError as error:  # pragma: no cover - every header is built by the API
        raise ActionPlanError(f"cannot write the message: {error}") from None


# --- Plain text ------------------------------------------------------------------------------


def _entry_lines(entry: Entry) -> list[str]:
    lines = [
        f"{mail_line(entry.id)}  {mail_line(entry.text)}",
        f"    Recommendation {mail_line(entry.recommendation)}",
        f"    Target: {mail_line(entry.target)}",
        f"    Status: {mail_line(entry.status)} · RAG: {mail_line(entry.rag)}",
        f"    Why now: {mail_line(entry.why)}",
        f"    Last update: {mail_line(entry.last_update)}",
    ]
    if entry.shared_with:
        lines.append(f"    Also owned by: {mail_line(entry.shared_with)}")
    lines.append(f"    To update it: {_command(entry.command)}")
    return lines


def _command(command: str) -> str:
    """An update command as the owner will paste it into a terminal: exactly as quoted (its
    spaces kept), with any control character shown (`terminal`)."""
    return terminal(command)


def plain_text(letter: Letter) -> str:
    """The letter as plain text, every piece of plan text on a line of its own making."""
    lines = [mail_line(letter.greeting), "", mail_line(letter.intro)]
    for section in letter.sections:
        lines += ["", f"{mail_line(section.title)} ({mail_line(section.plan)})", ""]
        for entry in section.entries:
            lines += [*_entry_lines(entry), ""]
        lines.pop()
    lines += ["", "How to reply", "", *(mail_line(line) for line in letter.reply), ""]
    lines.append(mail_line(letter.sheet))
    lines += [
        f"    {mail_line(header)}: {mail_line(meaning)}" for header, meaning in letter.columns
    ]
    return "\n".join(lines) + "\n"


# --- HTML ------------------------------------------------------------------------------------

_HEADERS = ("Action", "What", "Recommendation", "Target", "Status", "RAG", "Why now",
            "Last update")  # fmt: skip

_STYLE = (
    "body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; background: #fff; }\n"
    "table { border-collapse: collapse; margin: 0.5em 0 1em; }\n"
    "caption { text-align: left; font-weight: bold; padding: 0.3em 0; }\n"
    "th, td { border: 1px solid #b1b4b6; padding: 3px 6px; vertical-align: top; "
    "text-align: left; }\n"
    "thead th { background: #f3f2f1; }\n"
    "code { font-size: 1em; white-space: pre-wrap; }\n"
)


def _text(text: str) -> str:
    """Plan text for the HTML part: one line, controls shown, escaped."""
    return html.escape(mail_line(text))


def _row(entry: Entry) -> str:
    cells = [entry.text, entry.recommendation, entry.target, entry.status, entry.rag]
    cells += [entry.why, entry.last_update]
    tds = "".join(f"<td>{_text(cell)}</td>" for cell in cells)
    return f'<tr><th scope="row">{_text(entry.id)}</th>{tds}</tr>\n'


def _cols(headers: Iterable[str]) -> str:
    return "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)


def html_page(letter: Letter) -> str:
    """The letter as a whole HTML page: language, title, one h1 inside `main`, a table per plan
    (caption, column and row headers), the update commands as code."""
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{_text(letter.subject)}</title>\n<style>\n{_STYLE}</style>\n</head>\n",
        "<body>\n<main>\n",
        f"<h1>{_text(letter.subject)}</h1>\n",
        f"<p>{_text(letter.greeting)}</p>\n<p>{_text(letter.intro)}</p>\n",
    ]
    for section in letter.sections:
        count = len(section.entries)
        parts += [
            f"<h2>{_text(section.title)}</h2>\n<table>\n",
            f"<caption>{_text(section.title)} ({_text(section.plan)}): "
            f"{count} action{'' if count == 1 else 's'} to update</caption>\n",
            f"<thead>\n<tr>{_cols(_HEADERS)}</tr>\n</thead>\n<tbody>\n",
            *(_row(entry) for entry in section.entries),
            "</tbody>\n</table>\n",
        ]
    parts.append("<h2>How to reply</h2>\n")
    parts += [f"<p>{_text(line)}</p>\n" for line in letter.reply]
    parts.append("<ul>\n")
    for section in letter.sections:
        for entry in section.entries:
            parts.append(
                f"<li>{_text(entry.id)} ({_text(section.title)}): "
                f"<code>{html.escape(_command(entry.command))}</code></li>\n"
            )
    parts.append(f"</ul>\n<p>{_text(letter.sheet)}</p>\n<table>\n")
    parts.append("<caption>Columns of a returned spreadsheet</caption>\n")
    parts.append(f"<thead>\n<tr>{_cols(('Column', 'What to write'))}</tr>\n</thead>\n<tbody>\n")
    for header, meaning in letter.columns:
        parts.append(f'<tr><th scope="row">{_text(header)}</th><td>{_text(meaning)}</td></tr>\n')
    parts.append("</tbody>\n</table>\n</main>\n</body>\n</html>\n")
    return "".join(parts)


# --- File names ------------------------------------------------------------------------------


def file_slug(text: str) -> str:
    """A file name's stem from a person's id or name: ASCII letters, digits and hyphens only
    (`Zoë O'Neil` → `zoe-o-neil`), so it is safe on every file system and in a shell."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or "owner"


def eml_names(owners: Iterable[Owner]) -> list[str]:
    """One file name per owner (`dsa-chair.eml`), from their id, else their name; a name two
    owners would share gets `-2`, `-3` after it."""
    names: list[str] = []
    taken: set[str] = set()
    for owner in owners:
        stem = file_slug(owner.id or owner.name)
        name, number = f"{stem}.eml", 1
        while name in taken:
            number += 1
            name = f"{stem}-{number}.eml"
        taken.add(name)
        names.append(name)
    return names
