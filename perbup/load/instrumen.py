"""The kinds of instrument perbup drafts and cites: one owner for their names and their dates.

`JENIS` are the decree kinds perbup makes (`--jenis`, content/JENIS.yaml, templates/JENIS.docx);
`DASAR` names the kind of instrument each is; `PERISTIWA` says on which day an instrument takes
effect, as its own text says it (a letter's deadline counts from that day: compute/deadline.py).
"""

from __future__ import annotations

#: The decree kinds perbup makes, in the order they are offered.
JENIS = ("perbup", "instruksi", "surat_edaran")
#: The kind of instrument each decree kind is, by the first words of its name.
DASAR = {"perbup": "Peraturan", "instruksi": "Instruksi", "surat_edaran": "Surat Edaran"}
#: The day an instrument takes effect, by the first word of its kind, as its own text says it.
PERISTIWA = {"Peraturan": "diundangkan", "Instruksi": "dikeluarkan", "Surat Edaran": "ditetapkan",
             "Keputusan": "ditetapkan"}


def peristiwa(jenis: str) -> str | None:
    """"diundangkan" for "Peraturan Bupati Kupang"; None for a kind the rule does not know."""
    return next((word for kind, word in PERISTIWA.items() if jenis.startswith(kind)), None)
