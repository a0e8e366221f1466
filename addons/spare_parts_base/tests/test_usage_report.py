# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import SparePartsCommon


class TestSpareParts22UsageReport(SparePartsCommon):
    """SP-22: usage by engineer, customer, equipment, part, work order and period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_2 = cls._new_ticket(cls.engineer_2, cls.other_customer)
        cls._add_line(cls.ticket, cls.part_plain, 3)
        cls._add_line(cls.ticket, cls.part_serial, 1, cls.serial_1)
        cls._add_line(cls.ticket_2, cls.part_plain, 2)
        cls._add_line(cls.ticket_2, cls.part_plain, 5)  # stays planned
        (cls.ticket | cls.ticket_2).part_line_ids[:3].action_consume()

    def _group(self, groupby):
        return {
            key: qty
            for key, qty in self.env["spare.parts.line"]._read_group(
                [("state", "=", "consumed")], [groupby], ["quantity:sum"]
            )
        }

    def test_SP_22_usage_by_engineer_customer_equipment_part(self):
        self.assertEqual(self._group("engineer_id"), {self.engineer: 4.0, self.engineer_2: 2.0})
        self.assertEqual(self._group("partner_id"), {self.customer: 4.0, self.other_customer: 2.0})
        self.assertEqual(
            self._group("equipment_id"), {self.equipment: 4.0, self.other_equipment: 2.0}
        )
        self.assertEqual(self._group("product_id"), {self.part_plain: 5.0, self.part_serial: 1.0})
        self.assertEqual(self._group("ticket_id"), {self.ticket: 4.0, self.ticket_2: 2.0})
        self.assertEqual(sum(self._group("date_done:month").values()), 6.0)

    def test_SP_22_usage_report_is_one_grouped_query(self):
        Line = self.env["spare.parts.line"]
        Line.flush_model()
        with self.assertQueryCount(1):
            Line._read_group(
                [("state", "=", "consumed")],
                ["engineer_id", "product_id", "date_done:month"],
                ["quantity:sum"],
            )

    def test_SP_22_parts_summary_pdf(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("spare_parts_base.action_report_work_order_parts", self.ticket.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Parts used on work order", html)
        self.assertIn("Air Filter", html)
        self.assertIn("CB-0001", html)
        # The customer's address block, not the record's technical name.
        self.assertIn("Acme Dairy", html)
        self.assertNotIn("res.partner(", html)
        self.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        action = self.ticket.with_user(self.engineer).action_print_parts_summary()
        self.assertEqual(action["report_name"], "spare_parts_base.report_work_order_parts")

    def test_SP_22_parts_summary_prints_a_pdf(self):
        """The engineer's Print button gives a real PDF (wkhtmltopdf, installed
        by the setup), not the HTML fallback Odoo shows without it."""
        pdf, report_format = (
            self.env["ir.actions.report"]
            .with_user(self.engineer)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("spare_parts_base.action_report_work_order_parts", self.ticket.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_SP_22_usage_views_load(self):
        for view_type in ("pivot", "graph", "list", "search"):
            self.env["spare.parts.line"].get_view(view_type=view_type)
