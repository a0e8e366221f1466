# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The README shows every document's write policy as the server enforces it:
the tables are rendered from the models' ``_get_write_policy`` and must be in
README.md between the write-policy markers (section "Write policies")."""

from pathlib import Path

from odoo.tests import TransactionCase

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- write-policy:start -->", "<!-- write-policy:end -->"
ALL_FIELDS = "__all__"


def render_policies(env):
    """One table per document with a write policy: a row per state, a column
    per role, the fields that role may write in that state."""
    blocks = []
    for name in sorted(env.registry):
        Model = env[name]
        if Model._abstract or Model._transient or not hasattr(Model, "_get_write_policy"):
            continue
        policy = Model._get_write_policy()
        if not policy:
            continue
        groups = sorted({group for roles in policy.values() for group in roles})
        labels = [env.ref(group).name for group in groups]
        state_labels = _state_labels(env, Model)
        lines = [
            f"**{Model._description}** (`{name}`)",
            "",
            f"| State | {' | '.join(labels)} |",
            f"|---|{'---|' * len(labels)}",
        ]
        for state, roles in policy.items():
            cells = [_cell(Model, roles.get(group)) for group in groups]
            lines.append(f"| {state_labels.get(state, state)} | {' | '.join(cells)} |")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _state_labels(env, Model):
    """Labels of the states deciding the policy: a line's are its document's."""
    for field_name in ("state", Model._get_write_policy_parent_field()):
        field = Model._fields.get(field_name)
        if field is None:
            continue
        if field.type == "many2one":
            field = env[field.comodel_name]._fields.get("state")
        if field is not None and field.type == "selection":
            return dict(field._description_selection(env))
    return {}


def _cell(Model, names):
    if names == ALL_FIELDS:
        return "every field, delete"
    if not names:
        return "-"
    return ", ".join(
        sorted(Model._fields[n]._description_string(Model.env) for n in names if n in Model._fields)
    )


class TestWritePolicyReadme(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "suite"

    def test_readme_shows_the_write_policies(self):
        expected = render_policies(self.env)
        text = README.read_text(encoding="utf-8")
        shown = text.split(START, 1)[-1].split(END, 1)[0].strip("\n") + "\n"
        self.assertEqual(
            shown,
            expected,
            f"README.md must show, between {START} and {END}:\n{expected}",
        )
