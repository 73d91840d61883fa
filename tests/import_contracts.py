"""A contract type for import-linter: an app reaches another app only through its public modules.

import-linter's own contract types forbid or protect named modules, so they would need every
private module of every app listed, and a module added later would slip through. This one
states what is allowed instead: an import from one app into another must land in one of the
other app's public modules (``selectors`` and ``services``, each a module or a package) or in
a named extension point (a registry other apps plug into from their ``AppConfig.ready()``).

Configured in ``.importlinter`` as ``type = public_api``; ``lint-imports`` finds this module
because it puts the working directory (the repository root) on ``sys.path``.
"""

from __future__ import annotations

from dataclasses import dataclass

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


@dataclass(frozen=True, order=True)
class IllegalImport:
    importer: str
    imported: str
    line_numbers: tuple[int, ...]


def _is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def app_of(module: str, apps: list[str]) -> str | None:
    """The app that `module` belongs to, or None when it belongs to none of them."""
    for app in apps:
        if _is_within(module, app):
            return app
    return None


def is_public(imported: str, app: str, public: list[str], extension_points: list[str]) -> bool:
    """Whether another app may import `imported`, a module of `app`.

    Importing the app's package itself (``import voorop.loket``) reaches nothing private.
    """
    if imported == app:
        return True
    if any(_is_within(imported, f"{app}.{name}") for name in public):
        return True
    return any(_is_within(imported, point) for point in extension_points)


class PublicApiContract(Contract):
    """An import from one app into another must land in the other app's public modules.

    Configuration options:
        - apps:              The app packages (e.g. voorop.loket). Imports within one app are
                             not checked, nor imports of modules outside these apps.
        - public:            Names of the modules (or packages) every app offers to the others,
                             relative to the app: selectors, services.
        - extension_points:  Further modules other apps may import, in full (optional).
        - ignore_imports:    Import expressions to ignore: known violations, to be fixed
                             (optional).
        - unmatched_ignore_imports_alerting: "error" (default), "warn" or "none" for an
                             ignore_imports entry that matches no import any more.
    """

    type_name = "public_api"

    apps = fields.ListField(subfield=fields.StringField())
    public = fields.ListField(subfield=fields.StringField())
    extension_points = fields.ListField(subfield=fields.StringField(), required=False)
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(
        contract_utils.AlertLevel, default=contract_utils.AlertLevel.ERROR
    )

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        import_removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=self.unmatched_ignore_imports_alerting,  # type: ignore[arg-type]
        )
        apps: list[str] = list(self.apps)  # type: ignore[call-overload]
        public: list[str] = list(self.public)  # type: ignore[call-overload]
        extension_points: list[str] = list(self.extension_points or [])  # type: ignore[call-overload]
        missing = [app for app in apps if app not in graph.modules]
        if missing:
            raise ValueError(f"public_api contract: no such app package: {', '.join(missing)}")

        illegal: list[IllegalImport] = []
        for importer_app in apps:
            for importer in sorted(graph.find_descendants(importer_app) | {importer_app}):
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    imported_app = app_of(imported, apps)
                    if imported_app is None or imported_app == importer_app:
                        continue
                    if is_public(imported, imported_app, public, extension_points):
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = tuple(sorted({d["line_number"] for d in details}))
                    illegal.append(IllegalImport(importer, imported, lines))

        return ContractCheck(
            kept=not illegal,
            warnings=list(import_removal.warnings),
            ignored_import_count=import_removal.ignored_import_count,
            metadata={"illegal_imports": illegal},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        illegal: list[IllegalImport] = check.metadata["illegal_imports"]
        output.print_error(
            "These imports reach into another app past its selectors and services:", bold=False
        )
        output.new_line()
        for item in illegal:
            lines = ", ".join(map(str, item.line_numbers))
            output.print_error(f"- {item.importer} -> {item.imported} (l.{lines})", bold=False)
        output.new_line()
