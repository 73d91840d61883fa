"""What the pabulib reader's parts share: its error, its warnings collector, numbers."""

from __future__ import annotations

from fractions import Fraction

from .model import WARNING_KINDS, PbWarning


class PbFormatError(ValueError):
    """A malformed pabulib file; ``str()`` gives ``name:line: message``."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


# Spaces group digits ("1 000 000", also no-break and narrow no-break spaces); pabutools'
# gmpy2 numbers read them too. A decimal comma is a decimal point.
_NUMBER_TABLE = str.maketrans({",": ".", " ": None, "\u00a0": None, "\u202f": None})


def parse_number(text: str) -> Fraction:
    """An exact number from a pabulib field (raises ValueError or ZeroDivisionError)."""
    return Fraction(text.strip().translate(_NUMBER_TABLE))


class Warnings:
    """Collects the reader's warnings: per kind, the lines and the values its message names.

    List-valued arguments (project ids, META keys) are merged over all occurrences.
    """

    __slots__ = ("_args", "_lines")

    def __init__(self) -> None:
        self._lines: dict[str, list[int]] = {}
        self._args: dict[str, dict] = {}

    def add(self, kind: str, lines: int | list[int] | None = None, **args: object) -> None:
        have = self._lines.setdefault(kind, [])
        if isinstance(lines, int):
            have.append(lines)
        elif lines:
            have.extend(lines)
        known = self._args.setdefault(kind, {})
        for key, value in args.items():
            if isinstance(value, set | list | tuple):
                known.setdefault(key, set()).update(value)
            else:
                known[key] = value

    def __contains__(self, kind: str) -> bool:
        return kind in self._lines

    def result(self) -> tuple[PbWarning, ...]:
        """The warnings, in the order of the kinds in ``WARNING_KINDS``."""
        out = []
        for kind in WARNING_KINDS:
            if kind not in self._lines:
                continue
            args = {
                key: sorted(value) if isinstance(value, set) else value
                for key, value in self._args[kind].items()
            }
            out.append(PbWarning(kind, tuple(sorted(set(self._lines[kind]))), args))
        return tuple(out)
