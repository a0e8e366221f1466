# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.fields import Command

from .common import SparePartsCommon


class TestSpareParts05ConsumptionBatch(SparePartsCommon):
    """SP-05 on many lines at once: the checks, the engineer of the lines and
    the timeline note cost the same whatever the number of lines, and refuse
    or record exactly what they do for one line."""

    @classmethod
    def _new_parts(cls, count, prefix="Batch part"):
        return cls.env["product.product"].create(
            [
                {
                    "name": f"{prefix} {index}",
                    "is_storable": True,
                    "spare_parts_is_part": True,
                    "default_code": f"BT-{prefix[:1]}{index:03d}",
                }
                for index in range(count)
            ]
        )

    def _work_order_with_parts(self, parts):
        """A work order created by the engineer with one line per part."""
        vals = {
            "name": f"Visit with {len(parts)} parts",
            "description": "Batch",
            "team_id": self.team.id,
            "user_id": self.engineer.id,
            "partner_id": self.customer.id,
            "part_line_ids": [
                Command.create({"product_id": part.id, "quantity": 1.0}) for part in parts
            ],
        }
        return self.env["helpdesk.ticket"].with_user(self.engineer).create(vals)

    def _queries_to_plan_and_consume(self, parts):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        ticket = self._work_order_with_parts(parts)
        ticket.action_consume_parts()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_SP_05_consumption_queries_do_not_grow_with_lines(self):
        # A first work order warms up the caches every later one shares.
        self._queries_to_plan_and_consume(self._new_parts(1, "Warm"))
        counts = {
            size: self._queries_to_plan_and_consume(self._new_parts(size, f"Size{size}"))
            for size in (5, 50)
        }
        self.assertEqual(counts[5], counts[50], counts)

    def test_SP_04_long_consumption_is_summed_up_on_the_timeline(self):
        parts = self._new_parts(25)
        ticket = self._work_order_with_parts(parts)
        ticket.action_consume_parts()
        body = ticket.message_ids[0].body
        self.assertIn("Parts consumed", body)
        self.assertEqual(body.count("<li>"), 20)
        self.assertIn("1 Units [BT-B000] Batch part 0", body)
        self.assertIn("1 Units [BT-B019] Batch part 19", body)
        self.assertNotIn("Batch part 20", body)
        self.assertIn("... and 5 more parts (25 lines in all)", body)
        self.assertEqual(set(ticket.part_line_ids.mapped("state")), {"consumed"})

    def test_SP_05_refusals_in_a_batch_name_each_line(self):
        parts = self._new_parts(30)
        ticket = self._work_order_with_parts(parts)
        lines = ticket.part_line_ids
        lines[7].with_user(self.engineer).action_consume()
        old = self._add_line(ticket, parts[12], 1, part_condition="old")
        with self.assertRaises(UserError) as error:
            (lines | old).with_user(self.engineer).action_consume()
        self.assertEqual(
            error.exception.args[0],
            f"Work order {ticket.display_name}: [BT-B007] Batch part 7 is already consumed.\n"
            f"Work order {ticket.display_name}: [BT-B012] Batch part 12 is an old part; give "
            "it back with Return instead of consuming it.",
        )
        self.assertEqual(lines.filtered(lambda line: line.state == "consumed"), lines[7])

    def test_SP_05_company_check_of_a_batch_names_the_line(self):
        other = self.env["res.company"].create({"name": "Other Service Co"})
        foreign = self.env["product.product"].create(
            {"name": "Foreign Valve", "spare_parts_is_part": True, "company_id": other.id}
        )
        with self.assertRefused(UserError, "company inconsistencies") as refusal:
            self.env["spare.parts.line"].create(
                [
                    {"ticket_id": self.ticket.id, "product_id": self.part_plain.id},
                    {"ticket_id": self.ticket.id, "product_id": foreign.id},
                ]
            )
        message = str(refusal.exception)
        self.assertIn("Foreign Valve", message)
        self.assertNotIn("Air Filter", message)
        self.assertFalse(self.ticket.part_line_ids)

    def test_SP_04_planned_parts_follow_the_engineer_done_parts_keep_theirs(self):
        line = self._add_line(self.ticket, self.part_plain, 2)
        self.assertEqual(line.engineer_id, self.engineer)
        self.ticket.engineer_id = self.engineer_2
        self.assertEqual(line.engineer_id, self.engineer_2)
        line.with_user(self.admin).action_consume()
        self.ticket.engineer_id = self.engineer
        self.assertEqual(line.engineer_id, self.engineer_2)

    def test_SP_04_part_done_without_engineer_takes_the_work_orders(self):
        line = self._add_line(self.ticket, self.part_plain, 1)
        line.engineer_id = False
        line.with_user(self.engineer).action_consume()
        self.assertEqual(line.state, "consumed")
        self.assertEqual(line.engineer_id, self.engineer)
