"""reader.core must run without Qt: the CLI and these tests use it with no display."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "reader" / "core"


def test_core_sources_do_not_import_qt() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        if "export/pdf" in path.as_posix():
            continue  # the one allowed exception (README, "Development")
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "pyqtgraph")]
    assert offenders == []


def test_importing_core_and_cli_loads_no_qt() -> None:
    modules = sorted(
        "reader.core." + p.relative_to(CORE).with_suffix("").as_posix().replace("/", ".")
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py"
    )
    assert "reader.core.library" in modules
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "import reader.cli\n"
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
