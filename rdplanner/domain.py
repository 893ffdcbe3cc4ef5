"""What a planning domain declares for the rest of the product (one ``DOMAIN`` in its ``domain.py``):
its read model, its lines of the event overview, what duplicating an event copies, its problems, its
documents and its labels. The aggregation (rdplanner.planning) and the UI read only these declarations.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.problems import Problem


@dataclass(frozen=True)
class OverviewLine:
    """One line of the event overview (筹备概况): its title, its text, and whether it needs attention."""

    title: str
    text: str
    alert: bool = False


@dataclass
class CopyContext:
    """Passed to every domain's ``copy`` while an event is duplicated, in registry order.

    ``ids[kind]`` maps a copied row's old id to its new id (people records "participation"), so a later
    domain can copy rows that point to an earlier domain's rows.
    """

    source_id: int
    target_id: int
    ids: dict[str, dict[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class DocOption:
    """One option of a document: the writer's keyword, its label and choices on screen, its CLI spelling.

    ``choices`` are (value, Chinese label) pairs, the first being the default unless ``default`` is given.
    ``flag``: a CLI switch without a value (``--portrait``) that sets the option to ``flag_value``.
    ``parse``: turns the CLI text into the value (e.g. "2x2" → (2, 2)); raises InvalidInput.
    """

    key: str
    label: str
    choices: tuple[tuple[Any, str], ...]
    cli: str
    help: str
    default: Any = None
    flag: bool = False
    flag_value: Any = True
    metavar: str = ""
    parse: Callable[[str], Any] | None = None

    @property
    def initial(self) -> Any:
        return self.choices[0][0] if self.default is None and self.choices else self.default


@dataclass(frozen=True)
class Document:
    """A document a domain prints or exports (`python -m rdplanner export KIND`).

    ``write(session, *, event_id, path, progress, cancelled, marks?, **options) -> Path`` is named as
    "module:function" so the registry imports no writer until one is used. ``markable``: a name its print
    fonts lack may be printed as 〓 on request (PDF only).
    """

    kind: str
    title: str
    suffixes: tuple[str, ...]
    write: str
    help: str
    options: tuple[DocOption, ...] = ()
    markable: bool = False
    hint: str = ""
    defaults: str = ""  # "module:function" (session, event_id) -> {option key: default for this event}

    def writer(self) -> Callable[..., Any]:
        return _named(self.write)

    def event_defaults(self) -> Callable[..., dict] | None:
        return _named(self.defaults) if self.defaults else None


def _named(spec: str) -> Callable[..., Any]:
    import importlib

    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class DomainCommand:
    """A command of a domain's own (`python -m rdplanner NAME`): ``arguments`` ("module:function") adds
    its arguments to an argparse parser, given also a function that adds the shared ``--db``;
    ``run`` ("module:function") takes the parsed arguments and returns the exit status. Errors meant for
    the user are raised as RdplannerError (one Chinese line, status 2)."""

    name: str
    help: str
    arguments: str
    run: str

    def add_arguments(self, parser, add_db_argument) -> None:
        _named(self.arguments)(parser, add_db_argument)

    def runner(self) -> Callable[..., int]:
        return _named(self.run)


@dataclass(frozen=True)
class Domain:
    """One planning domain, as the registry (rdplanner.registry) lists it.

    Every hook takes a session and an event id and runs inside the caller's transaction; none commits.
    ``overview(session, event_id)`` → its overview lines; ``copy(session, context)`` copies its rows of
    ``context.source_id`` to ``context.target_id``; ``problems(session, event_id)`` → its findings;
    ``read(session, event_id)`` → its read model of the event; ``shift(session, event_id, delta)`` moves
    its dated rows of the event by ``delta`` (a timedelta of whole days) when the event's opening day
    moves, and returns its change set.
    """

    key: str
    title: str
    overview: Callable[[Session, int], Sequence[OverviewLine]] | None = None
    copy: Callable[[Session, CopyContext], None] | None = None
    copies: str = ""  # what ``copy`` copies, as the status bar says after 复制
    problems: Callable[[Session, int], Sequence[Problem]] | None = None
    read: Callable[[Session, int], Any] | None = None
    documents: tuple[Document, ...] = ()
    labels: Mapping[str, Mapping[Any, str]] = field(default_factory=dict)
    shift: Callable[[Session, int, timedelta], Changes] | None = None
    commands: tuple[DomainCommand, ...] = ()
    shifts: str = ""  # what ``shift`` moves, as the editor says after the dates changed
