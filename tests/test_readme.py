# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""README.rst of every addon: rendered by setup/render_readme.py from the
readme/ fragments, committed up to date, and valid reStructuredText.

The renderer's Markdown conversion is checked through docutils itself: what
matters is the document docutils reads, not the exact characters."""

import importlib.util
import io
import os
from pathlib import Path

import docutils.core
import docutils.nodes
import pytest

ROOT = Path(os.environ.get("SPS_ROOT") or Path(__file__).resolve().parents[1])
ADDONS = sorted(
    p.name
    for p in (ROOT / "addons").iterdir()
    if (p / "__manifest__.py").is_file() and (p / "readme").is_dir()
)
REGENERATE = "python3 setup/render_readme.py"


def _load_renderer():
    spec = importlib.util.spec_from_file_location("render_readme", ROOT / "setup/render_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


renderer = _load_renderer()


def doctree(rst):
    """Parse reStructuredText; fail on any docutils message (info and up)."""
    warnings = io.StringIO()
    tree = docutils.core.publish_doctree(
        rst,
        settings_overrides={"report_level": 1, "halt_level": 5, "warning_stream": warnings},
    )
    assert warnings.getvalue() == "", f"docutils reported:\n{warnings.getvalue()}\n{rst}"
    return tree


def nodes_of(tree, node_class):
    return list(tree.findall(node_class))


def md(text):
    return doctree(renderer.markdown_to_rst(text))


# ---------------------------------------------------------------- conversion


def test_headings_become_nested_sections():
    tree = md("# Setup\n\nIntro.\n\n## Details\n\nMore.\n\n# Other\n\nEnd.\n")
    titles = [
        s.next_node(docutils.nodes.title).astext() for s in nodes_of(tree, docutils.nodes.section)
    ]
    assert titles == ["Setup", "Details", "Other"]
    details = nodes_of(tree, docutils.nodes.section)[1]
    assert details.parent.next_node(docutils.nodes.title).astext() == "Setup"


def test_nested_lists_keep_their_structure_and_numbers():
    tree = md(
        "1. First step\n   on two lines.\n2. Second:\n   - option *a*\n   - option **b**\n"
        "3. Third\n\n4. Fourth after a blank line\n"
    )
    enumerated = nodes_of(tree, docutils.nodes.enumerated_list)
    assert len(enumerated) == 1
    items = enumerated[0].children
    assert [item.next_node(docutils.nodes.paragraph).astext() for item in items] == [
        "First step\non two lines.",
        "Second:",
        "Third",
        "Fourth after a blank line",
    ]
    bullets = items[1].next_node(docutils.nodes.bullet_list)
    assert [item.astext() for item in bullets.children] == ["option a", "option b"]
    assert bullets.next_node(docutils.nodes.emphasis).astext() == "a"
    assert bullets.next_node(docutils.nodes.strong).astext() == "b"


def test_ten_items_keep_their_body_under_a_wider_marker():
    text = "".join(f"{n}. Item {n}\n   continued\n" for n in range(1, 10))
    text += "10. Item 10\n    continued\n"
    items = nodes_of(md(text), docutils.nodes.list_item)
    assert len(items) == 10
    assert items[9].astext() == "Item 10\ncontinued"


def test_code_spans_and_fenced_code_are_literal():
    tree = md(
        "Call `a_b(x=1)` or `*star*`, even\n`across\nlines`.\n\n"
        "```python\nx = [1]  # *no* markup\n```\n"
    )
    literals = [n.astext() for n in nodes_of(tree, docutils.nodes.literal)]
    assert literals == ["a_b(x=1)", "*star*", "across\nlines"]
    blocks = nodes_of(tree, docutils.nodes.literal_block)
    assert [b.astext() for b in blocks] == ["x = [1]  # *no* markup"]


def test_pipe_table_becomes_a_table_with_a_header_row():
    tree = md("| Step | Where |\n|---|:---|\n| Add *part* | **Parts** tab |\n| Ship | a \\| b |\n")
    table = nodes_of(tree, docutils.nodes.table)[0]
    header = [
        e.astext() for e in table.next_node(docutils.nodes.thead).findall(docutils.nodes.entry)
    ]
    body = [
        [e.astext() for e in row.findall(docutils.nodes.entry)]
        for row in table.next_node(docutils.nodes.tbody).children
    ]
    assert header == ["Step", "Where"]
    assert body == [["Add part", "Parts tab"], ["Ship", "a | b"]]


def test_links_become_references():
    tree = md("See [the docs](https://example.com/a_b) and <https://example.org>.\n")
    refs = [(r.astext(), r["refuri"]) for r in nodes_of(tree, docutils.nodes.reference)]
    assert refs == [
        ("the docs", "https://example.com/a_b"),
        ("https://example.org", "https://example.org"),
    ]


def test_text_that_means_markup_in_rst_stays_text():
    text = "Fields a|b|c, name_ and snake_case_, 5 * 3, _x, back\\slash, x**y** z.\n"
    paragraph = nodes_of(md(text), docutils.nodes.paragraph)[0]
    assert (
        paragraph.astext() == "Fields a|b|c, name_ and snake_case_, 5 * 3, _x, back\\slash, xy z."
    )
    assert [n.astext() for n in nodes_of(paragraph, docutils.nodes.strong)] == ["y"]


# ---------------------------------------------------------------- README.rst files


def test_every_addon_has_readme_fragments():
    assert ADDONS, "no addon with a readme/ folder found"
    for name in ADDONS:
        assert (ROOT / "addons" / name / "readme" / "DESCRIPTION.md").is_file(), name


@pytest.mark.parametrize("name", ADDONS)
def test_readme_rst_is_up_to_date(name):
    addon = ROOT / "addons" / name
    path = addon / "README.rst"
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run {REGENERATE}"
    assert path.read_text(encoding="utf-8") == renderer.render_readme(addon), (
        f"{path.relative_to(ROOT)} is out of date with its readme/ fragments or manifest: "
        f"run {REGENERATE}"
    )


@pytest.mark.parametrize("name", ADDONS)
def test_readme_rst_is_valid_and_laid_out_as_oca_does(name):
    addon = ROOT / "addons" / name
    manifest = renderer.read_manifest(addon)
    tree = doctree((addon / "README.rst").read_text(encoding="utf-8"))
    assert tree["title"] == manifest["name"]
    assert nodes_of(tree, docutils.nodes.topic), "no table of contents"
    top_sections = [
        s.next_node(docutils.nodes.title).astext()
        for s in tree.children
        if isinstance(s, docutils.nodes.section)
    ]
    fragments = {p.stem for p in (addon / "readme").glob("*.md")}
    expected = [title for frag, title in renderer.SECTIONS[1:] if frag in fragments]
    assert top_sections == expected + ["Bug Tracker", "Credits"]
    text = tree.astext()
    assert " ".join(manifest["summary"].split()) in text
    credits = [s for s in tree.children if isinstance(s, docutils.nodes.section)][-1]
    credit_titles = [
        s.next_node(docutils.nodes.title).astext()
        for s in credits.children
        if isinstance(s, docutils.nodes.section)
    ]
    assert credit_titles[0] == "Authors" and credit_titles[-1] == "Maintainers"
    assert manifest["author"] in credits.astext()


@pytest.fixture
def fake_addon(tmp_path):
    """An addon with maintainers and headings in its fragments."""
    addon = tmp_path / "demo_addon"
    (addon / "readme").mkdir(parents=True)
    manifest = {
        "name": "Demo",
        "summary": "A demo",
        "version": "19.0.1.0.0",
        "license": "AGPL-3",
        "author": "A, B",
        "website": "https://github.com/example/repo",
        "maintainers": ["alice", "bob"],
    }
    (addon / "__manifest__.py").write_text(repr(manifest))
    fragments = {
        "DESCRIPTION": "# Intro\n\nHello.\n",
        "USAGE": "Use it.\n",
        "CONFIGURE": "Set it.\n\n# Step one\n\nDo.\n\n## Detail\n\nMore.\n",
        "CONTRIBUTORS": "- Carol\n",
    }
    for name, text in fragments.items():
        (addon / "readme" / f"{name}.md").write_text(text)
    return addon


def test_sections_follow_oca_order_and_fragment_headings_nest(fake_addon):
    tree = doctree(renderer.render_readme(fake_addon))
    titles = [t.astext() for t in nodes_of(tree, docutils.nodes.title)]
    assert titles[:5] == ["Demo", "Configuration", "Step one", "Detail", "Usage"]
    sections = {
        s.next_node(docutils.nodes.title).astext(): s
        for s in nodes_of(tree, docutils.nodes.section)
    }
    assert sections["Step one"].parent is sections["Configuration"]
    assert sections["Detail"].parent is sections["Step one"]
    # Before the first section a heading cannot open one: it is a rubric.
    assert [r.astext() for r in nodes_of(tree, docutils.nodes.rubric)] == ["Intro"]
    assert sections["Contributors"].parent is sections["Credits"]


def test_readme_credits_authors_and_maintainers_of_the_manifest(fake_addon):
    tree = doctree(renderer.render_readme(fake_addon))
    refs = {r.astext(): r.get("refuri") for r in nodes_of(tree, docutils.nodes.reference)}
    assert refs["alice"] == "https://github.com/alice"
    assert refs["bob"] == "https://github.com/bob"
    sections = {s["names"][0]: s for s in nodes_of(tree, docutils.nodes.section)}
    assert [i.astext() for i in sections["authors"].findall(docutils.nodes.list_item)] == ["A", "B"]
    assert [i.astext() for i in sections["contributors"].findall(docutils.nodes.list_item)] == [
        "Carol"
    ]
