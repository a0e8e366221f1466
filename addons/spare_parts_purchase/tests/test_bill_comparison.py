# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.fields import Command
from odoo.tests import freeze_time

from .common import SparePartsPurchaseCommon


@freeze_time("2026-03-20 10:00:00")
class TestSpareParts27BillComparison(SparePartsPurchaseCommon):
    """SP-27 month-end: parts usage against vendor bills."""

    def _bill(self, lines, move_type="in_invoice", invoice_date=date(2026, 3, 15)):
        bill = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": self.vendor.id,
                "invoice_date": invoice_date,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": p.id, "quantity": q, "price_unit": price, "tax_ids": []}
                    )
                    for p, q, price in lines
                ],
            }
        )
        bill.action_post()
        return bill

    def _consume(self, product, qty, lot=None, unit_cost=None):
        line = self._add_line(self.ticket, product, qty, lot)
        if unit_cost is not None:
            line.unit_cost = unit_cost
        line.with_user(self.engineer).action_consume()
        return line

    def test_SP_27_usage_compared_with_vendor_bills_one_difference(self):
        self._deliver_to_van([(self.part_plain, 4, None), (self.part_serial, 1, self.serial_1)])
        self._consume(self.part_plain, 4, unit_cost=11.0)
        self._consume(self.part_serial, 1, self.serial_1, unit_cost=400.0)
        # the filters are billed as used; the vendor bills two control boards
        # where one was used: the deliberate difference
        self._bill([(self.part_plain, 4, 11.0), (self.part_serial, 2, 400.0)])
        # outside the period: ignored
        self._bill([(self.part_plain, 9, 11.0)], invoice_date=date(2026, 2, 27))

        comparison = (
            self.env["spare.parts.bill.comparison"]
            .with_user(self.admin)
            .create({"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)})
        )
        comparison.action_compute()
        self.assertRecordValues(
            comparison.line_ids,
            [
                {
                    "product_id": self.part_serial.id,
                    "qty_used": 1.0,
                    "qty_billed": 2.0,
                    "qty_difference": 1.0,
                    "amount_used": 400.0,
                    "amount_billed": 800.0,
                    "amount_difference": 400.0,
                    "has_difference": True,
                },
                {
                    "product_id": self.part_plain.id,
                    "qty_used": 4.0,
                    "qty_billed": 4.0,
                    "qty_difference": 0.0,
                    "amount_used": 44.0,
                    "amount_billed": 44.0,
                    "amount_difference": 0.0,
                    "has_difference": False,
                },
            ],
        )
        self.assertEqual(comparison.difference_count, 1)

        # a credit note for the extra board settles it
        self._bill([(self.part_serial, 1, 400.0)], move_type="in_refund")
        comparison.action_compute()
        self.assertEqual(comparison.difference_count, 0)
        self.assertEqual(
            comparison.line_ids.filtered(
                lambda line: line.product_id == self.part_serial
            ).qty_billed,
            1.0,
        )
