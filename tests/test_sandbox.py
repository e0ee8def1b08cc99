"""The one sandbox: every way a letter template or a decree text can loop or grow is bounded."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from jinja2.exceptions import UndefinedError
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from markupsafe import Markup

from perbup.base.errors import DataError, TemplateError
from perbup.compute.numbering import HINT, build_decree
from perbup.docx import sandbox
from perbup.docx.render import PreparedTemplate
from perbup.load.content import load_content
from tests.helpers import make_workspace, run
from tests.test_numbering import DATA

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BIG = "'x' * 999999"
REFUSED = "unsafe template code refused: "

# (template text, message, the tag named). Loops and macro calls run against a small budget
# (see the fixture) so each case proves its bound in well under a second; sizes are the real ones.
CASES = [
    # numbers: each power is checked before it is computed
    ("{{ ((((10**100)**100)**100)**100)**100 }}",
     REFUSED + "the template raises a number to the power 100, which has more than 1,000 digits",
     "{{ ((((10**100)**100)**100)**100)**100 }}"),
    ("{{ ('9' * 1200)|int }}", REFUSED + "the template builds a number of more than 1,000 digits",
     "{{ ('9' * 1200)|int }}"),
    # iteration over any iterable, not only range()
    (f"{{% set s = {BIG} %}}{{% for a in s %}}{{% for b in s %}}{{% endfor %}}{{% endfor %}}",
     REFUSED + "the template loops or calls more than 10,000 times", "{% for a in s %}"),
    ("{% for x in [1] recursive %}{{ loop([1, 2]) }}{% endfor %}",
     REFUSED + "the template's macros call themselves more than 50 levels deep", "{{ loop([1, 2]) }}"),
    # recursion: a macro calling itself twice, and one that never stops
    ("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(30) }}",
     REFUSED + "the template calls its macros more than 1,000 times", "{% macro f(n) %}"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
     REFUSED + "the template's macros call themselves more than 50 levels deep", "{% macro f() %}"),
    # text size: generators, padding filters and methods, formatting, concatenation
    ("{{ lipsum(999999) }}", REFUSED + "the template builds a text of more than 1,000,000 characters",
     "{{ lipsum(999999) }}"),
    ("{{ 'x'|center(900000000) }}",
     REFUSED + "the template pads a text to 900,000,000 characters, more than 1,000,000",
     "{{ 'x'|center(900000000) }}"),
    ("{{ 'x'|indent(900000000) }}",
     REFUSED + "the template pads a text to 900,000,001 characters, more than 1,000,000",
     "{{ 'x'|indent(900000000) }}"),
    ("{{ ''.ljust(9e8) }}", REFUSED + "the template pads a text to 900,000,000 characters, more than "
     "1,000,000", "{{ ''.ljust(9e8) }}"),
    ("{{ '7'.zfill(900000000) }}", REFUSED + "the template pads a text to 900,000,000 characters, "
     "more than 1,000,000", "{{ '7'.zfill(900000000) }}"),
    ("{{ '%0900000000d' % 1 }}", REFUSED + "the template pads a text to 900,000,000 characters, more "
     "than 1,000,000", "{{ '%0900000000d' % 1 }}"),
    ("{{ '%*d' % (900000000, 1) }}", REFUSED + "the template pads a text to 900,000,000 characters, "
     "more than 1,000,000", "{{ '%*d' % (900000000, 1) }}"),
    ("{{ '%d'|format(1) }}{{ '%0900000000d'|format(1) }}", REFUSED + "the template pads a text to "
     "900,000,000 characters, more than 1,000,000", "{{ '%0900000000d'|format(1) }}"),
    ("{{ '{:>900000000}'.format() }}", REFUSED + "the template pads a text to 900,000,000 characters, "
     "more than 1,000,000", "{{ '{:>900000000}'.format() }}"),
    ("{{ '{:>{w}}'.format(1, w=900000000) }}", REFUSED + "the template pads a text to 900,000,000 "
     "characters, more than 1,000,000", "{{ '{:>{w}}'.format(1, w=900000000) }}"),
    (f"{{% set a = {BIG} %}}" + "{% set a = a ~ a %}" * 10 + "{{ a|length }}",
     REFUSED + "the template builds a text of more than 1,000,000 characters", "{% set a = a ~ a %}"),
    (f"{{{{ {BIG} + {BIG} }}}}", REFUSED + "the template builds a text of more than 1,000,000 "
     "characters", f"{{{{ {BIG} + {BIG} }}}}"),
    (f"{{{{ 'abc'|replace('b', {BIG}) }}}}", REFUSED + "the template builds a text of more than "
     "1,000,000 characters", f"{{{{ 'abc'|replace('b', {BIG}) }}}}"),
    ("{{ range(5000)|join('x' * 999) }}", REFUSED + "the template builds a text of more than "
     "1,000,000 characters", "{{ range(5000)|join('x' * 999) }}"),
    ("{{ '-'.join(['x' * 99] * 99999) }}", REFUSED + "the template builds a value of more than "
     "1,000,000 items", "{{ '-'.join(['x' * 99] * 99999) }}"),
    (f"{{{{ [{BIG}] * 1000 }}}}", REFUSED + "the template builds a value of more than 1,000,000 items",
     f"{{{{ [{BIG}] * 1000 }}}}"),
    ("{{ (1).to_bytes(900000000, 'big') }}", REFUSED + "access to attribute 'to_bytes' of 'int' "
     "object is unsafe.", "{{ (1).to_bytes(900000000, 'big') }}"),
    # work: a step that reads or builds a long value costs its length
    ("{% set ns = namespace(a='') %}{% for i in range(9999) %}{% set ns.a = ns.a ~ 'x' * 99 %}"
     "{% endfor %}", REFUSED + "the template reads or builds more than 100,000,000 characters and "
     "items in all", "{% set ns.a = ns.a ~ 'x' * 99 %}"),
    (f"{{% set s = {BIG} %}}{{% set t = {BIG} %}}{{% for i in range(9999) %}}{{% if s == t %}}"
     "{% endif %}{% endfor %}", REFUSED + "the template reads or builds more than 100,000,000 "
     "characters and items in all", "{% if s == t %}"),
    (f"{{% set s = {BIG} %}}{{% for i in range(9999) %}}{{{{ s.count('y') }}}}{{% endfor %}}",
     REFUSED + "the template reads or builds more than 100,000,000 characters and items in all",
     "{{ s.count('y') }}"),
    (f"{{% set s = {BIG} %}}{{% for i in range(9999) %}}{{{{ s[1:]|first }}}}{{% endfor %}}",
     REFUSED + "the template reads or builds more than 100,000,000 characters and items in all",
     "{{ s[1:]|first }}"),
    # the total a render prints
    (f"{{% for i in range(100) %}}{{{{ {BIG} }}}}{{% endfor %}}",
     REFUSED + "the template prints more than 20,000,000 characters", f"{{{{ {BIG} }}}}"),
    # errors that were tracebacks
    ("{{ 1/0 }}", "ZeroDivisionError: division by zero", "{{ 1/0 }}"),
    # names printed instead of values: an address differs every run
    ("{{ lipsum }} {{ range }}", REFUSED + "the template prints a function (lipsum) instead of a "
     "value", "{{ lipsum }}"),
    ("{{ 'Nomor ' ~ range }}", REFUSED + "the template prints a Python object (<function range>) "
     "instead of a value", "{{ 'Nomor ' ~ range }}"),
    ("{{ cycler(1, 2) }}", REFUSED + "the template prints a Python object "
     "(<jinja2.utils.Cycler object>) instead of a value", "{{ cycler(1, 2) }}"),
]
IDS = [f"case{i}" for i, _ in enumerate(CASES)]


@pytest.fixture(autouse=True)
def _small_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "LIMITS", sandbox.Limits(steps=10_000, calls=1_000))


def letter(tmp_path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph("Kepada Yth. Kepala Desa {{ surat.desa }}")
    document.add_paragraph(text)
    path = tmp_path / "surat_desa.docx"
    document.save(str(path))
    return path


def render_letter(tmp_path: Path, text: str) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        PreparedTemplate.load(letter(tmp_path, text)).render({"surat": {"desa": "Oelnasi"}})
    return caught.value


@pytest.mark.parametrize(("text", "message", "tag"), CASES, ids=IDS)
def test_a_letter_template_is_refused_naming_part_and_tag(tmp_path: Path, text: str, message: str,
                                                          tag: str) -> None:
    error = render_letter(tmp_path, text)
    assert str(error) == f"surat_desa.docx: error: body: {message} in {tag}"


CONTENT = """\
judul: Kepesertaan Aparat Desa
menimbang:
  - bahwa a;
  - >-
    bahwa {text} setiap orang;
mengingat: [Pasal 18 ayat (6) UUD.]
bab:
  - judul: Umum
    pasal: [Berlaku.]
"""


def decree_problems(tmp_path: Path, text: str) -> list[tuple[int | None, str, str | None]]:
    path = tmp_path / "perbup.yaml"
    path.write_text(CONTENT.format(text=text), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_decree(load_content(path, "content/perbup.yaml")[0], DATA, "content/perbup.yaml")
    return [(p.row, p.message, p.hint) for p in caught.value.problems]


@pytest.mark.parametrize(("text", "message", "tag"), CASES, ids=IDS)
def test_decree_text_is_refused_the_same_way(tmp_path: Path, text: str, message: str,
                                             tag: str) -> None:
    assert decree_problems(tmp_path, text) == [(4, f"template error: {message} in {tag}", HINT)]


def test_an_undefined_value_inside_a_list_is_an_error(tmp_path: Path) -> None:
    error = render_letter(tmp_path, "{{ [surat.nosuch] }} {{ {'a': surat.nosuch} }}")
    assert str(error) == ("surat_desa.docx: error: body: 'dict object' has no attribute 'nosuch'; "
                          "check the spelling or add it to the data in {{ [surat.nosuch] }}")
    assert decree_problems(tmp_path, "{{ [kabupaten.nosuch] }}") == [
        (4, "template error: 'str object' has no attribute 'nosuch'", None)]


def test_a_template_cannot_include_another(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        PreparedTemplate.load(letter(tmp_path, "{% include 'kop.docx' %}"))
    assert str(caught.value) == ("surat_desa.docx: error: body: a template cannot include another "
                                 "template ({% include %}); write the text here in "
                                 "{% include 'kop.docx' %}")
    path = tmp_path / "perbup.yaml"
    path.write_text(CONTENT.format(text="{% import 'x' as x %}"), encoding="utf-8")
    with pytest.raises(DataError) as problems:
        load_content(path, "content/perbup.yaml")
    assert [(p.row, p.message, p.hint) for p in problems.value.problems] == [
        (4, "template error: a template cannot import another template ({% import %}); write the "
            "text here", "data is written {{ name }}; see docs/content.md")]


def test_what_templates_do_still_works(tmp_path: Path) -> None:
    text = ("{% for a in surat.aparat %}{{ loop.index }}. {{ a|upper }}{% if not loop.last %}, "
            "{% endif %}{% endfor %}; {{ '%s/%03d' % ('B', 7) }} {{ '{:>5}'.format(3) }} "
            "{{ 'x'|center(5) }}|{{ surat.aparat|join(' dan ') }} {{ [1, 2] }} {{ 2 ** 10 }} "
            "{{ surat.kosong|default('-') }} {{ 'Rp ' ~ 12 }} {{ lipsum(1, html=False)|length > 9 }}")
    document = PreparedTemplate.load(letter(tmp_path, text)).render(
        {"surat": {"desa": "Oelnasi", "aparat": ["Ana", "Budi"]}})
    paragraphs = [p.text for p in docx.Document(__import__("io").BytesIO(document)).paragraphs]
    assert paragraphs[1] == "1. ANA, 2. BUDI; B/007     3   x  |Ana dan Budi [1, 2] 1024 - Rp 12 True"


def _seed_workspace(tmp_path: Path, text: str) -> tuple[Path, Path]:
    ws = tmp_path / "ws"
    shutil.copytree(SEEDS, ws)
    content = ws / "content" / "perbup.yaml"
    seed = content.read_text(encoding="utf-8")
    content.write_text(seed.replace("bahwa setiap orang", f"bahwa {text} setiap orang", 1),
                       encoding="utf-8")
    return ws, content


LOOPS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


@pytest.mark.parametrize("command", ["check", "decree"])
def test_decree_content_loops_are_bounded_in_check_and_decree(tmp_path: Path, command: str) -> None:
    ws, content = _seed_workspace(tmp_path, LOOPS)
    out: list[str | Path] = ["-o", tmp_path / "out"] if command == "decree" else []
    result = run(command, "-w", ws, *out)
    assert result.code == 1
    at = result.lines.index(f"{content}:15: error: template error: {REFUSED}the template loops or "
                            "calls more than 10,000 times in {% for i in range(100000) %}")
    assert result.lines[at + 1] == f"  hint: {HINT}"
    assert not (tmp_path / "out").exists()


def test_a_letter_template_that_grows_writes_nothing(ws: Path, tmp_path: Path) -> None:
    make_workspace(ws)
    (ws / "templates").mkdir()
    document = docx.Document()
    document.add_paragraph("{{ tujuan.desa }}{{ 'x'|center(900000000) }}")
    document.save(str(ws / "templates" / "surat_desa.docx"))
    result = run("letters", "-w", ws, "-o", tmp_path / "out")
    assert result.code == 1
    assert result.stderr == (f"surat_desa.docx: error: letter for desa Bokonusan (53.01.04.2003): "
                             f"body: {REFUSED}the template pads a text to "
                             "900,000,000 characters, more than 1,000,000 in "
                             "{{ 'x'|center(900000000) }}\n")
    assert not (tmp_path / "out").exists()


def test_every_render_of_the_sandbox_has_a_budget() -> None:
    # whoever renders (a new caller, a script), nested loops share one budget per render
    template = sandbox.sandbox(autoescape=False).from_string(
        "{% for a in range(200) %}{% for b in range(200) %}{% endfor %}{% endfor %}")
    with pytest.raises(sandbox.Refused) as caught:
        template.render()
    assert str(caught.value) == "the template loops or calls more than 10,000 times"


def test_a_filter_that_draws_at_random_is_unknown(tmp_path: Path) -> None:
    # Same inputs, byte-identical documents: |random would make each run differ.
    with pytest.raises(TemplateError) as caught:
        PreparedTemplate.load(letter(tmp_path, "{{ [1, 2, 3]|random }}"))
    assert str(caught.value) == ("surat_desa.docx: error: body: No filter named 'random'. in "
                                 "{{ [1, 2, 3]|random }}")


def test_attribute_safety_is_decided_once_per_type_and_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # loop.index0, a.nama: read thousands of times a batch, and Jinja's answer depends only on
    # the object's type and the name
    asked: list[tuple[type, str]] = []
    jinja_answer = ImmutableSandboxedEnvironment.is_safe_attribute

    def counted(env: ImmutableSandboxedEnvironment, obj: object, attr: str, value: object) -> bool:
        asked.append((type(obj), attr))
        return jinja_answer(env, obj, attr, value)

    monkeypatch.setattr(ImmutableSandboxedEnvironment, "is_safe_attribute", counted)
    template = sandbox.sandbox(autoescape=True).from_string(
        "{% for i in range(100) %}{{ loop.index0 }}{{ loop.length }}{% endfor %}")
    assert template.render() == "".join(f"{i}100" for i in range(100))
    assert asked == [(LoopContext, "index0"), (LoopContext, "length")]


def test_a_plain_dict_key_is_read_without_an_attribute_lookup(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the data gives templates plain dicts: d.nama is the item, found without raising an
    # AttributeError first; dict's own names (d.items, d.keys) stay attributes, as in Jinja
    looked_up: list[str] = []
    jinja_getattr = SandboxedEnvironment.getattr

    def counted(env: SandboxedEnvironment, obj: object, name: str) -> object:
        looked_up.append(name)
        return jinja_getattr(env, obj, name)

    monkeypatch.setattr(SandboxedEnvironment, "getattr", counted)
    env = sandbox.sandbox(autoescape=False)
    template = env.from_string(
        "{{ d.nama }} {{ d.items is callable }} {{ d.nosuch is defined }} {{ d.keys()|list }}")
    assert template.render(d={"nama": "Ana", "items": "x"}) == "Ana True False ['nama', 'items']"
    assert looked_up == ["items", "keys"]
    with pytest.raises(UndefinedError) as caught:
        env.from_string("{{ d.nosuch }}").render(d={})
    assert str(caught.value) == "'dict object' has no attribute 'nosuch'"


def test_a_printed_value_is_checked_and_escaped_in_one_call() -> None:
    # Jinja would write escape(environment.finalize(value)): two calls for every {{ value }}
    env = sandbox.sandbox(autoescape=True)
    source = env.compile("{{ a }}{{ b|upper }}", raw=True)
    assert source.count("environment.escaped(") == 2
    assert "environment.finalize(" not in source
    template = env.from_string("{{ a }}|{{ b }}|{{ c }}|{{ n }}|{{ nothing }}")
    assert template.render(a="<A & B>", b=Markup("<b>"), c=[1, "<"], n=7, nothing=None) == (
        "&lt;A &amp; B&gt;|<b>|[1, &#39;&lt;&#39;]|7|None")
    with pytest.raises(sandbox.Refused) as refused:
        template.render(a=sandbox.lipsum, b="", c="", n=0, nothing=None)
    assert str(refused.value) == "the template prints a function (lipsum) instead of a value"


def test_a_literal_inside_a_tag_prints_as_typed(tmp_path: Path) -> None:
    # Word turns typed quotes into curly ones; the XML holds & as &amp; and < as &lt;
    text = ("{{ “Ma'ruf & <Tefa> ” ~ surat.desa }}|{{ 'A &amp; B' }}|{{ \"x > 1\" if surat.desa }}"
            "|{{ surat.desa ~ ' & ' ~ surat.nama }}")
    template = PreparedTemplate.load(letter(tmp_path, text))
    document = template.render({"surat": {"desa": "Oelnasi", "nama": "<b>&amp;</b>"}})
    paragraphs = [p.text for p in docx.Document(__import__("io").BytesIO(document)).paragraphs]
    assert paragraphs[1] == "Ma'ruf & <Tefa> Oelnasi|A &amp; B|x > 1|Oelnasi & <b>&amp;</b>"


def test_a_name_behind_default_or_is_defined_is_optional(tmp_path: Path) -> None:
    text = ("{{ catatan|default('tidak ada') }} {{ kop|d('-') }} "
            "{% if paraf is defined %}{{ paraf }}{% endif %}{% if nomor is undefined %}tanpa nomor{% endif %}"
            " {{ surat.kosong|default('-') }}")
    template = PreparedTemplate.load(letter(tmp_path, text))
    assert template.variables == {"surat"}
    document = template.render({"surat": {"desa": "Oelnasi"}})
    paragraphs = [p.text for p in docx.Document(__import__("io").BytesIO(document)).paragraphs]
    assert paragraphs[1] == "tidak ada - tanpa nomor -"
    # a name used without a guard is still unknown
    assert PreparedTemplate.load(letter(tmp_path, "{{ desa }} {{ catatan|default('') }}")).variables == {
        "surat", "desa"}
