"""Run pip-audit on the installed dependencies and say plainly what it could and could not check.

A known vulnerability fails (exit 1). A package pip-audit could not look up is not a
vulnerability, but it is not a pass either: the advisory source did not answer for it. When
that happens the report lists how many packages went unchecked and why, and the exit status
is 0 unless ``--strict`` is given, so CI on a machine whose package mirror lacks PyPI's
per-version JSON (where every lookup fails) still runs the suite and says the audit was empty.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def say(line: str, stream=sys.stdout) -> None:
    stream.write(line + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="fail when a package is unchecked")
    args = parser.parse_args()
    pip_audit = Path(sys.executable).with_name("pip-audit")
    run = subprocess.run(  # noqa: S603 - a fixed command, no shell, no user input
        [str(pip_audit), "--skip-editable", "--progress-spinner", "off", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        say(run.stderr.strip() or run.stdout.strip(), sys.stderr)
        say("ERROR: pip-audit gave no report.", sys.stderr)
        return 1
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    checked = len(dependencies) - len(skipped)
    for dep in vulnerable:
        ids = ", ".join(v["id"] for v in dep["vulns"])
        say(f"VULNERABLE: {dep['name']} {dep.get('version', '')}: {ids}")
    say(
        f"pip-audit: {checked} of {len(dependencies)} packages checked, "
        f"{len(vulnerable)} vulnerable."
    )
    if skipped:
        say(f"!!! {len(skipped)} packages could NOT be checked; the advisory source said, e.g.:")
        for dep in skipped[:3]:
            say(f"!!!   {dep['skip_reason']}")
        if checked == 0:
            say("!!! Nothing was audited: this machine's package index does not serve the")
            say("!!! advisory data pip-audit reads. Run `make audit` where PyPI is reachable.")
    if vulnerable:
        return 1
    return 1 if (skipped and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
