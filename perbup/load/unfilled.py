"""What is not filled in yet: warnings on a draft and in `check`, errors on what goes out.

One notion for every document: a `[placeholder]` in perbup.yaml or in the decree's content,
a citation whose numbers are still dots (`Nomor …`), and a total of zero. Each item is collected
once, where it is written, with the documents it would print in; a draft and `perbup check`
show it as a warning, a final decree (`--final`) and the letters, which always go out, refuse
it (`escalate`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from perbup.base.problems import Problem, Severity
from perbup.load.instrumen import JENIS

#: The documents an item can print in: each decree kind (`--jenis`), and the letters.
LETTERS = "letters"
DECREES = frozenset(JENIS)
EVERYWHERE = DECREES | {LETTERS}

#: A value still to be filled in is written in square brackets, "[Nama Bupati]"; a `[[label]]`
#: reference of the decree's content is not one.
_PLACEHOLDER = re.compile(r"(?<!\[)\[(?!\[)[^\[\]]*\](?!\])")
#: Dots where a number belongs: "…" or "...".
_DOTS = re.compile(r"…|\.\.\.")


#: How a setting still [in brackets] is named, and how a command finds those warnings again to
#: say them as one (perbup/cli/common.py).
SETTING_MESSAGE = "'{setting}' is still a placeholder: {value}"
SETTING_PATTERN = re.compile(r"'([^']+)' is still a placeholder: ")


@dataclass(frozen=True)
class Unfilled:
    """One thing still to fill in, where it is written, and the documents it would print in."""

    file: str
    row: int | None
    message: str
    hint: str
    reaches: frozenset[str]

    def problem(self, severity: Severity = "warning") -> Problem:
        return Problem(self.file, self.row, severity, self.message, self.hint)


def placeholders(text: str) -> list[str]:
    """The `[placeholders]` in a text, in order."""
    return _PLACEHOLDER.findall(text)


def has_dots(text: str) -> bool:
    """Whether a number in the text is still written as dots."""
    return bool(_DOTS.search(text))


def warnings(items: Iterable[Unfilled]) -> list[Problem]:
    return [item.problem("warning") for item in items]


def escalate(problems: Sequence[Problem], items: Iterable[Unfilled], *documents: str) -> list[Problem]:
    """`problems` with every item that reaches one of `documents` as an error, not a warning.

    The items' warnings may already be among `problems` (they were collected for a draft): each
    is replaced where it stands; the others are added.
    """
    errors = {item.problem("warning"): item.problem("error") for item in items
              if item.reaches.intersection(documents)}
    # An item already escalated is not added twice.
    out = [errors.pop(replace(p, severity="warning"), p) for p in problems]
    return out + list(errors.values())


# Which documents a setting prints in, by its dotted name (the longest matching prefix wins);
# a setting not named here reaches every document, so nothing slips through unnoticed.
_LETTERHEAD = frozenset({LETTERS, "surat_edaran"})  # the kop; a Perbup and an instruksi have none
_SETTINGS = {
    "kabupaten.alamat": _LETTERHEAD, "kabupaten.telepon": _LETTERHEAD,
    "kabupaten.laman": _LETTERHEAD, "kabupaten.email": _LETTERHEAD,
    "kabupaten.kode_pos": _LETTERHEAD,
    "pejabat.paraf": frozenset(),  # initials boxes are on drafts only
    "pejabat.sekretaris_daerah.nama": DECREES,  # the Perbup's promulgation block
    "pejabat.sekretaris_daerah.pangkat": frozenset(), "pejabat.sekretaris_daerah.nip": frozenset(),
    "surat": frozenset({LETTERS}), "dasar": frozenset({LETTERS}), "bpjs.alamat": frozenset({LETTERS}),
}


def setting_reaches(dotted: str, signer: str) -> frozenset[str]:
    """The documents that print setting `dotted`; `signer` is surat.penandatangan."""
    if dotted.startswith("pejabat.sekretaris_daerah.") and signer == "sekretaris_daerah":
        return _settings_table(dotted) | {LETTERS}  # a delegated signature: name, rank and NIP
    if dotted.startswith("pejabat.bupati.") and signer != "bupati":
        return DECREES
    return _settings_table(dotted)


def _settings_table(dotted: str) -> frozenset[str]:
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        found = _SETTINGS.get(".".join(parts[:end]))
        if found is not None:
            return found
    return EVERYWHERE


def zero_total(file: str, row: int | None, what: str, hint: str, reaches: frozenset[str]) -> Unfilled:
    """A document whose contributions add up to Rp 0: it would ask a village (or the regency)
    to budget nothing, so its figures are not filled in either."""
    return Unfilled(file, row, what, hint, reaches)
