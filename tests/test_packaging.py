# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every addon builds into an ``odoo-addon-<name>`` wheel with whool, as OCA
addons do, and that wheel installs the whole addon.

The wheels are built offline with the whool of the virtualenv
(``pip wheel --no-build-isolation``), then installed with ``pip install
--no-deps --target`` into a temporary folder whose content is checked. From a
checkout whool packs the files git tracks; the build here starts from a copy
of the files git would commit (tracked or new, not ignored) so that work not
committed yet is checked the way it will ship."""

import ast
import os
import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import HeaderParser
from importlib.metadata import distributions
from pathlib import Path

import pytest

from odoo import release

ROOT = Path(os.environ.get("SPS_ROOT") or Path(__file__).resolve().parents[1])
ODOO_SRC = Path(os.environ.get("SPS_ODOO_SRC") or Path(release.__file__).parents[1])
ADDONS = sorted(p.name for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").is_file())
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]


def manifest_of(name):
    return ast.literal_eval((ROOT / "addons" / name / "__manifest__.py").read_text())


def is_odoo_core(addon):
    """Core addons ship with Odoo itself, so no odoo-addon-* requirement names them."""
    return any(
        (ODOO_SRC / base / addon / "__manifest__.py").is_file()
        for base in ("addons", "odoo/addons")
    )


def shipped_files(name):
    """Files of an addon that a commit of the working tree would hold."""
    result = subprocess.run(
        [
            "git",
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
            "--",
            f"addons/{name}",
        ],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    paths = [Path(p) for p in result.stdout.decode().split("\0") if p]
    return [p.relative_to(f"addons/{name}") for p in paths if (ROOT / p).is_file()]


def copy_addon(name, dest):
    for rel in shipped_files(name):
        target = dest / name / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "addons" / name / rel, target)
    return dest / name


def pip(*args, cwd=None):
    result = subprocess.run([*PIP, *args], capture_output=True, text=True, cwd=cwd, check=False)
    assert result.returncode == 0, f"pip {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def build_wheels(dest, *sources):
    """Build the wheels of ``sources`` into ``dest`` offline, as pip would."""
    pip(
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-w",
        str(dest),
        *map(str, sources),
    )
    return sorted(dest.glob("*.whl"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Build all wheels in one pip run, install them into a target folder."""
    tmp = tmp_path_factory.mktemp("packaging")
    sources = [copy_addon(name, tmp / "src") for name in ADDONS]
    wheels = build_wheels(tmp / "wheels", *sources)
    assert len(wheels) == len(ADDONS), [w.name for w in wheels]
    pip(
        "install",
        "--no-deps",
        "--no-index",
        "--no-compile",
        "--target",
        str(tmp / "site"),
        *map(str, wheels),
    )
    return tmp / "site"


def distribution(site, name):
    names = {d.metadata["Name"]: d for d in distributions(path=[str(site)])}
    assert f"odoo-addon-{name}" in names, f"odoo-addon-{name} not installed: {sorted(names)}"
    return names[f"odoo-addon-{name}"]


def test_every_addon_has_the_whool_build_system():
    for name in ADDONS:
        pyproject = (ROOT / "addons" / name / "pyproject.toml").read_text()
        assert 'build-backend = "whool.buildapi"' in pyproject, name
        assert 'requires = ["whool"]' in pyproject, name


@pytest.mark.parametrize("name", ADDONS)
def test_wheel_metadata(installed, name):
    meta = distribution(installed, name).metadata
    manifest = manifest_of(name)
    assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", meta["Version"]), meta["Version"]
    assert meta["Version"] == manifest["version"]
    expected = {"odoo==19.0.*"} | {
        f"odoo-addon-{dep}==19.0.*" for dep in manifest["depends"] if not is_odoo_core(dep)
    }
    assert set(meta.get_all("Requires-Dist")) == expected
    assert meta["License"] == manifest["license"]
    assert meta["Summary"] == " ".join(manifest["summary"].split())
    assert "Framework :: Odoo :: 19.0" in meta.get_all("Classifier")
    # The long description is the addon's README.rst.
    assert meta["Description-Content-Type"] == "text/x-rst"
    assert manifest["name"] in meta.get_payload()


def test_dependencies_between_addons_are_requirements(installed):
    """The Standard mode addon pulls Simple mode and OCA's helpdesk through pip."""
    wh = distribution(installed, "spare_parts_personal_wh").metadata.get_all("Requires-Dist")
    base = distribution(installed, "spare_parts_base").metadata.get_all("Requires-Dist")
    assert "odoo-addon-spare_parts_base==19.0.*" in wh
    assert "odoo-addon-helpdesk_mgmt==19.0.*" in base
    assert not any("odoo-addon-stock" in req for req in base)


@pytest.mark.parametrize("name", ADDONS)
def test_wheel_installs_the_whole_addon(installed, name):
    addon = installed / "odoo" / "addons" / name
    manifest = manifest_of(name)
    assert ast.literal_eval((addon / "__manifest__.py").read_text()) == manifest
    expected = ["__init__.py", "README.rst", f"i18n/{name}.pot", "static/description/icon.png"]
    expected += manifest.get("data", []) + manifest.get("demo", [])
    missing = [rel for rel in expected if not (addon / rel).is_file()]
    assert not missing, f"missing from the odoo-addon-{name} wheel: {missing}"
    # Views ship with the data files above; a technical addon has none.
    assert (addon / "models/__init__.py").is_file()
    assert not (addon / "pyproject.toml").exists()
    shipped = {str(p) for p in shipped_files(name)} - {"pyproject.toml"}
    installed_files = {str(p.relative_to(addon)) for p in addon.rglob("*") if p.is_file()}
    assert installed_files == shipped


def git(repo, *args):
    identity = ["-c", "user.name=Packaging Test", "-c", "user.email=packaging@example.com"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True)


def wheel_metadata_and_files(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
        return HeaderParser().parsestr(archive.read(metadata).decode()), names


def test_wheel_from_a_git_checkout_packs_tracked_files_and_counts_commits(tmp_path):
    """``pip install ./addons/<name>`` in a checkout: whool packs the files git
    tracks and versions the wheel from the manifest plus the commits made since
    the version changed. Checked in a scratch repository holding one addon."""
    repo = tmp_path / "repo"
    addon = copy_addon("spare_parts_base", repo / "addons")
    version = manifest_of("spare_parts_base")["version"]
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "addon")
    (addon / "notes.txt").write_text("not tracked")

    meta, names = wheel_metadata_and_files(build_wheels(tmp_path / "w1", addon)[0])
    assert meta["Name"] == "odoo-addon-spare_parts_base"
    assert meta["Version"] == version
    assert "odoo/addons/spare_parts_base/__manifest__.py" in names
    assert "odoo/addons/spare_parts_base/notes.txt" not in names

    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "notes")
    meta, names = wheel_metadata_and_files(build_wheels(tmp_path / "w2", addon)[0])
    assert meta["Version"] == f"{version}.1"
    assert "odoo/addons/spare_parts_base/notes.txt" in names
