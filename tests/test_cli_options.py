"""The options several commands share are declared once (perbup/cli/common.py): every command
that offers one offers it with the same flags, type, default and help."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click
import pytest

from perbup.cli import cli, common

SHARED = {
    "--output": common.output_option, "--force": common.force_option,
    "--quiet": common.quiet_option, "--jobs": common.jobs_option, "--pdf": common.pdf_option,
    "--pdf-a": common.pdf_a_option, "--final": common.final_option,
    "--dry-run": common.dry_run_option, "--full-nik": common.full_nik_option,
    "--format": common.format_option, "--workspace": common.workspace_option,
    "--aparat": common.workspace_options,
}
# diff writes files only when -o names a folder: no default, and its own help.
OWN = {("diff", "--output")}


def _commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


def _declared(flag: str) -> dict[str, Any]:
    """What the shared declaration of `flag` gives a command, as click describes an option."""
    command = click.command()(SHARED[flag](lambda **kwargs: None))
    (option,) = [p for p in command.params if flag in p.opts]
    return option.to_info_dict()


def _offered(flag: str) -> dict[str, dict[str, Any]]:
    return {name: param.to_info_dict() for name, command in _commands(cli)
            for param in command.params if flag in param.opts and (name, flag) not in OWN}


@pytest.mark.parametrize("flag", sorted(SHARED))
def test_every_command_offering_a_shared_option_declares_it_the_same(flag: str) -> None:
    offered = _offered(flag)
    assert len(offered) >= 2, f"{flag} is not shared: declare it in its command"
    expected = _declared(flag)
    assert {name: info for name, info in offered.items() if info != expected} == {}


def test_the_shared_options_are_where_the_commands_use_them() -> None:
    found = {flag: sorted(_offered(flag)) for flag in ("--jobs", "--pdf", "--quiet", "--force")}
    assert found == {
        "--jobs": ["build", "letters"],
        "--pdf": ["build", "decree", "letters"],
        "--quiet": ["build", "decree", "letters", "publish", "reminders"],
        "--force": ["build", "decree", "diff", "letters", "publish", "register export",
                    "reminders", "report"],
    }


def test_every_date_option_takes_one_format() -> None:
    dates = {name: param for name, command in _commands(cli) for param in command.params
             if "--date" in param.opts}
    assert sorted(dates) == ["diff", "ledger import", "reminders", "report", "rules"]
    for name, param in dates.items():
        assert isinstance(param.type, click.DateTime), name
        assert (param.type.formats, param.metavar) == (["%Y-%m-%d"], "YYYY-MM-DD"), name
