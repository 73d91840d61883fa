"""The API's description passes the NL GOV API Design Rules linter (Spectral with the
ruleset Logius publishes), without a single error."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# shared/ lies beside the repository (../shared), or beside the folder of its work trees.
CANDIDATES = [base / "shared" / "standards" / "nlgov-adr-ruleset.yaml" for base in ROOT.parents[:2]]
RULESET = next((path for path in CANDIDATES if path.exists()), CANDIDATES[0])
LOCAL = ROOT / "node_modules" / ".bin" / "spectral"


def _spectral() -> list[str] | None:
    if LOCAL.exists():
        return [str(LOCAL)]
    if shutil.which("npx"):
        return ["npx", "--yes", "@stoplight/spectral-cli@6"]
    return None


@pytest.mark.slow
def test_the_description_meets_the_api_design_rules(tmp_path):
    command = _spectral()
    if command is None:
        pytest.skip("npx is not installed: install Node.js (make test installs Spectral)")
    ruleset = Path(os.environ.get("VOOROP_ADR_RULESET", RULESET))
    if not ruleset.exists():
        if os.environ.get("VOOROP_REQUIRE_SHARED_DATA") == "1":  # CI: shared/ must be there
            pytest.fail(f"the API Design Rules ruleset is not at {ruleset}")
        pytest.skip(f"the ruleset is not at {ruleset}")
    from voorop.api.api import api

    description = tmp_path / "openapi.json"
    description.write_text(json.dumps(api.get_openapi_schema(), default=str))
    result = subprocess.run(
        [*command, "lint", "-r", str(ruleset), "--fail-severity", "error", str(description)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
