"""Dependencies run one way (issue 10, docs in /work/helpers/SHAPE.md):

- **base** — ``site_template`` and ``participation.core`` — import no other ``participation`` app;
- **shared services** — ``participation.notifications``, ``participation.working_days`` — import
  the base only;
- **capabilities** — every other ``participation.*`` app in ``INSTALLED_APPS`` (suggestions,
  consultations, meetings, info_requests, and whatever comes next) — import the base and the shared
  services, never another capability. One capability turning into another goes through a hook
  (``participation_conversion_targets``).

What counts as a dependency: every ``import`` / ``from … import`` anywhere in a module (at the top,
in a function, under ``try``/``TYPE_CHECKING``; relative imports resolved), a literal dotted path
handed to ``import_module`` / ``import_string`` / ``__import__`` / ``page_route``, and, outside
migrations, ``get_model("<app label>", …)`` with a literal label. Migrations are scanned too: their
string references to other apps' models (``to="suggestions.…"``, ``dependencies``, historical
``apps.get_model``) are fine, but a migration importing another app's Python is a dependency.
Strings naming apps in settings, URL confs and templates are configuration, not imports.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("site_template", "participation")
BASE = ("site_template", "participation.core")
SHARED = ("participation.notifications", "participation.working_days")

BASE_LAYER, SHARED_LAYER, CAPABILITY_LAYER = "base", "shared service", "capability"
#: What each layer may import, besides its own app.
MAY_IMPORT = {
    BASE_LAYER: {BASE_LAYER},
    SHARED_LAYER: {BASE_LAYER},
    CAPABILITY_LAYER: {BASE_LAYER, SHARED_LAYER},
}
#: Calls whose first literal argument is a dotted path that gets imported.
PATH_CALLS = {"import_module": 0, "import_string": 0, "__import__": 0, "page_route": 1}


@dataclass(frozen=True)
class Layers:
    """Which app (a dotted package) sits in which layer; ``labels`` maps Django app labels to apps
    (for ``get_model("label", …)``)."""

    apps: dict[str, str]
    labels: dict[str, str]

    def app_of(self, module: str) -> str | None:
        """The longest app ``module`` belongs to, or None (Django, Wagtail, the standard library…)."""
        best = None
        for app in self.apps:
            if (module == app or module.startswith(app + ".")) and (best is None or len(app) > len(best)):
                best = app
        return best


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    source_app: str
    target_app: str
    what: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.source_app} imports {self.target_app} ({self.what})"
        )


def project_layers() -> Layers:
    """The layers of this project: capabilities are the installed ``participation.*`` apps that
    are neither base nor shared, so a new capability app is covered as soon as it is installed."""
    from django.apps import apps as django_apps

    configs = django_apps.get_app_configs()
    layers = {app: BASE_LAYER for app in BASE} | {app: SHARED_LAYER for app in SHARED}
    for config in configs:
        if config.name.startswith("participation.") and config.name not in layers:
            layers[config.name] = CAPABILITY_LAYER
    labels = {config.label: config.name for config in configs}
    return Layers(apps=layers, labels=labels)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
    return ".".join([*base, *([node.module] if node.module else [])])


def _literal(node: ast.Call, index: int) -> str | None:
    if len(node.args) > index and isinstance(node.args[index], ast.Constant):
        value = node.args[index].value
        return value if isinstance(value, str) else None
    return None


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def dependencies(path: Path, module: str, *, labels: dict[str, str], migration: bool):
    """``(line, imported module, how)`` for every dependency written in the file at ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, f"import {alias.name}"
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, is_package, node)
            for alias in node.names:
                full = target if alias.name == "*" else f"{target}.{alias.name}"
                yield node.lineno, full, f"from {'.' * node.level}{node.module or ''} import {alias.name}"
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            if name in PATH_CALLS and (dotted := _literal(node, PATH_CALLS[name])):
                yield node.lineno, dotted, f"{name}({dotted!r})"
            elif name == "get_model" and not migration and (label := _literal(node, 0)):
                app = labels.get(label.split(".")[0])
                if app:
                    yield node.lineno, app, f"get_model({label!r}, …)"


def find_violations(root: Path, layers: Layers, packages: tuple[str, ...] = SCANNED) -> list[Violation]:
    """Every dependency, in the ``.py`` files under ``root``/``packages``, that the layers forbid."""
    found = []
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            module = module_name(path, root)
            source_app = layers.app_of(module)
            if source_app is None:
                continue
            source_layer = layers.apps[source_app]
            migration = "migrations" in path.relative_to(root).parts
            for line, target, what in dependencies(path, module, labels=layers.labels, migration=migration):
                target_app = layers.app_of(target)
                if target_app is None or target_app == source_app:
                    continue
                target_layer = layers.apps[target_app]
                if target_layer not in MAY_IMPORT[source_layer]:
                    found.append(Violation(
                        str(path.relative_to(root)), line,
                        f"{source_app} ({source_layer})", f"{target_app} ({target_layer})", what,
                    ))
    return found


def test_dependencies_run_one_way():
    violations = find_violations(ROOT, project_layers())
    assert not violations, "Forbidden dependencies (see tests/foundation/test_layering.py):\n" + "\n".join(
        map(str, violations)
    )


def test_every_participation_app_is_in_a_layer():
    """A package under participation/ that is not installed would escape the check above."""
    layers = project_layers()
    packages = {
        f"participation.{path.parent.name}" for path in (ROOT / "participation").glob("*/__init__.py")
    }
    assert packages - set(layers.apps) == set()
    assert set(BASE + SHARED) <= set(layers.apps)
    assert {"participation.suggestions", "participation.meetings"} <= {
        app for app, layer in layers.apps.items() if layer == CAPABILITY_LAYER
    }


SYNTHETIC = {
    "site_template/__init__.py": "",
    "site_template/views.py": "def f():\n    from participation.alpha import models\n",
    "participation/__init__.py": "",
    "participation/core/__init__.py": "",
    "participation/core/models.py": (
        "from django.apps import apps\n"
        "from site_template import views\n"
        "def follow():\n"
        "    return apps.get_model('notifications', 'Follow')\n"
    ),
    "participation/core/services.py": "import participation.notifications.services\n",
    "participation/notifications/__init__.py": "",
    "participation/notifications/services.py": (
        "from participation.core import models\n"
        "from participation.working_days.services import add_days\n"
    ),
    "participation/working_days/__init__.py": "",
    "participation/working_days/services.py": "from ..core.models import Contribution\n",
    "participation/alpha/__init__.py": "",
    "participation/alpha/views.py": (
        "from . import models\n"
        "from .models import Thing\n"
        "from participation.notifications.services import notify\n"
        "from participation.core.pages import source_language\n"
        "try:\n"
        "    from ..beta.services import create\n"
        "except ImportError:\n"
        "    create = None\n"
    ),
    "participation/alpha/models.py": (
        "from participation.core.routing import page_route\n"
        "detail = page_route('<id:pk>/', 'participation.alpha.views.detail')\n"
        "other = page_route('<id:pk>/', 'participation.beta.views.detail')\n"
    ),
    "participation/alpha/migrations/__init__.py": "",
    "participation/alpha/migrations/0002_x.py": (
        "def forwards(apps, schema_editor):\n"
        "    apps.get_model('beta', 'Thing')\n"
        "    from participation.beta.models import Thing\n"
    ),
    "participation/beta/__init__.py": "",
    "participation/beta/models.py": "from participation import alpha\nfrom participation import core\n",
}


@pytest.fixture
def synthetic_tree(tmp_path):
    for name, text in SYNTHETIC.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    layers = Layers(
        apps={"site_template": BASE_LAYER, "participation.core": BASE_LAYER,
              "participation.notifications": SHARED_LAYER, "participation.working_days": SHARED_LAYER,
              "participation.alpha": CAPABILITY_LAYER, "participation.beta": CAPABILITY_LAYER},
        labels={"notifications": "participation.notifications", "beta": "participation.beta",
                "participation_core": "participation.core"},
    )
    return tmp_path, layers


def test_the_checker_reports_each_kind_of_violation(synthetic_tree):
    root, layers = synthetic_tree
    found = {(v.path, v.line, v.target_app.split(" ")[0]) for v in find_violations(root, layers)}
    assert found == {
        ("site_template/views.py", 2, "participation.alpha"),
        ("participation/core/models.py", 4, "participation.notifications"),
        ("participation/core/services.py", 1, "participation.notifications"),
        ("participation/notifications/services.py", 2, "participation.working_days"),
        ("participation/alpha/views.py", 6, "participation.beta"),
        ("participation/alpha/models.py", 3, "participation.beta"),
        ("participation/alpha/migrations/0002_x.py", 3, "participation.beta"),
        ("participation/beta/models.py", 1, "participation.alpha"),
    }


def _tag_libraries(package: Path) -> set[str]:
    return {path.stem for path in package.glob("**/templatetags/*.py") if path.stem != "__init__"}


def _loaded_libraries(templates: Path) -> dict[str, set[str]]:
    import re

    loaded: dict[str, set[str]] = {}
    for path in templates.glob("**/*.html"):
        for match in re.finditer(r"{%\s*load\s+([^%]+?)\s*%}", path.read_text(encoding="utf-8")):
            names = set(match.group(1).split()) - {"from"}
            loaded.setdefault(str(path.relative_to(ROOT)), set()).update(names)
    return loaded


def test_base_templates_load_no_participation_tags():
    """The project's own templates (header, footer, base pages) know no participation app: a
    feature adds to them through hooks (``account_links``, ``home_sections``), never by having
    its template tags loaded there."""
    participation_libraries = _tag_libraries(ROOT / "participation") - _tag_libraries(ROOT / "participation" / "core")
    assert participation_libraries, "the participation apps define template tag libraries"
    offenders = {
        template: sorted(names & participation_libraries)
        for template, names in _loaded_libraries(ROOT / "site_template").items()
        if names & participation_libraries
    }
    assert offenders == {}
