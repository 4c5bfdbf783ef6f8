"""The command line's commands are registered explicitly: each parser has one handler."""

from __future__ import annotations

import argparse

from casebook_cli.main import COMMAND_MODULES, COMMANDS, build_parser


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    names: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                inner = _command_names(sub)
                names |= {f"{name} {n}" for n in inner} if inner else {name}
                if inner and not _sub_required(sub):
                    names.add(name)  # `casebook actions` lists; `actions done ID` ticks off
    return names


def _sub_required(parser: argparse.ArgumentParser) -> bool:
    return any(isinstance(a, argparse._SubParsersAction) and a.required for a in parser._actions)


def test_every_command_the_parser_knows_has_a_handler_and_every_handler_a_command():
    assert _command_names(build_parser()) == set(COMMANDS)


def test_no_two_command_modules_handle_the_same_command():
    names = [name for module in COMMAND_MODULES for name in module.HANDLERS]
    assert len(names) == len(set(names))
