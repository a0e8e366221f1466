# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the random-sequence invariant tests share: Hypothesis settings, and
running one operation that is either refused (and then changed nothing) or
done, counting both, with a report of the counts."""

import os
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

REFUSALS = (UserError, ValidationError, AccessError)
# SPS_HYPOTHESIS_NO_SHRINK=1 reports the first failing sequence as drawn.
PHASES = (
    (Phase.explicit, Phase.reuse, Phase.generate)
    if os.environ.get("SPS_HYPOTHESIS_NO_SHRINK")
    else tuple(Phase)
)


def sequence_settings(examples):
    """Reproducible by default (a fixed seed); SPS_HYPOTHESIS_RANDOM=1 draws
    new sequences."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=PHASES,
        derandomize=not os.environ.get("SPS_HYPOTHESIS_RANDOM"),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
    )


class RandomSequenceMixin:
    """Mixed into a TransactionCase that defines ``_op_<name>(*args)`` per
    operation, ``_snapshot()`` (what a refusal must not change) and
    ``_check_invariants(operation)``."""

    report_name = "invariants"
    report_title = "invariants"

    @classmethod
    def _reset_counts(cls):
        cls.stats = Counter()
        cls.reasons = Counter()

    def _run_sequence(self, operations):
        """Each sequence in a savepoint rolled back at its end."""
        savepoint = self.env.cr.savepoint()
        try:
            self.stats["sequences"] += 1
            for operation in operations:
                self._attempt(operation)
        finally:
            savepoint.close(rollback=True)

    def _attempt(self, operation):
        before = self._snapshot()
        self.stats["operations"] += 1
        savepoint = self.env.cr.savepoint()
        try:
            getattr(self, f"_op_{operation[0]}")(*operation[1:])
            self.env.flush_all()
        except REFUSALS as refusal:
            savepoint.close(rollback=True)
            self.stats["refused"] += 1
            self.stats[f"{operation[0]} refused"] += 1
            self.reasons[f"{operation[0]}: {str(refusal).splitlines()[0][:90]}"] += 1
            self.assertEqual(self._snapshot(), before, f"refused {operation} changed something")
        else:
            savepoint.close(rollback=False)
            self.stats["done"] += 1
            self.stats[f"{operation[0]} done"] += 1
        self.stats["checks"] += 1
        self._check_invariants(operation)

    # ------------------------------------------------- Odoo's Inventory screens
    def _validate_in_inventory(self, picking, how):
        """Validate as in Inventory: ``how`` is full, backorder or
        no_backorder (one unit less, then the backorder dialog's button)."""
        if how != "full":
            move = picking.move_ids.filtered(lambda m: m.quantity >= 2)[:1]
            if not move:
                raise UserError("nothing to validate in part")
            move.quantity -= 1
        action = picking.button_validate()
        if isinstance(action, dict) and action.get("res_model") == "stock.backorder.confirmation":
            wizard = Form.from_action(picking.env, action).save()
            if how == "no_backorder":
                wizard.process_cancel_backorder()
            else:
                wizard.process()

    def _return_one_in_inventory(self, picking, user):
        """The Return wizard on a done transfer, for one unit of its first
        move: the return transfer, not validated yet, in ``user``'s hands."""
        wizard = Form(
            self.env["stock.return.picking"]
            .with_user(user)
            .with_context(
                active_id=picking.id, active_ids=picking.ids, active_model="stock.picking"
            )
        ).save()
        for line in wizard.product_return_moves:
            line.quantity = 0
        wizard.product_return_moves[:1].quantity = 1
        returned = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        return returned.with_user(user)

    @classmethod
    def _write_report(cls):
        """The counts, in test-output/reports/<report_name>.txt and printed."""
        s = cls.stats
        text = (
            f"{cls.report_title}: {s['sequences']} sequences, {s['operations']} operations "
            f"({s['done']} done, {s['refused']} refused), {s['checks']} invariant checks\n"
        )
        text += "".join(
            f"  {name}: {s[f'{name} done']} done, {s[f'{name} refused']} refused\n"
            for name in sorted({key.split()[0] for key in s if " " in key})
        )
        text += "  most frequent refusals:\n" + "".join(
            f"    {count} x {reason}\n" for reason, count in cls.reasons.most_common(12)
        )
        folder = Path(os.environ.get("SPS_ROOT") or Path(__file__).parents[1]) / "test-output"
        (folder / "reports").mkdir(parents=True, exist_ok=True)
        (folder / "reports" / f"{cls.report_name}.txt").write_text(text)
        print(text, end="")
