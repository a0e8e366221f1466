# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from .common import PersonalWarehouseCommon


class TestSpareParts30CoresToVendor(PersonalWarehouseCommon):
    """SP-30: warranty cores received in the defective location go back to
    their vendor with a real outgoing transfer, from "Cores to Return"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.spare_parts_coordinator_id = cls.admin
        cls.vendor = cls.env["res.partner"].create({"name": "Filtra BV"})
        cls.env["product.supplierinfo"].create(
            {
                "partner_id": cls.vendor.id,
                "product_tmpl_id": cls.part_plain.product_tmpl_id.id,
                "price": 7.0,
            }
        )
        cls.part_serial.standard_price = 80.0

    def _return(self, return_type, lines):
        return (
            self.env["spare.parts.return"]
            .with_user(self.engineer)
            .create(
                {
                    "engineer_id": self.engineer.id,
                    "return_type": return_type,
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": p.id,
                                "quantity": q,
                                "lot_ids": [Command.set(lot.ids if lot else [])],
                            }
                        )
                        for p, q, lot in lines
                    ],
                }
            )
        )

    def _received_cores(self):
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(self.part_plain, self.van_1, 3)
        Quant._update_available_quantity(self.part_serial, self.van_1, 1, lot_id=self.serial_3)
        document = self._return(
            "defective",
            [
                (self.part_plain, 2, None),
                (self.part_serial, 1, self.serial_3),
                (self.part_plain, 1, None),
            ],
        )
        cores = document.line_ids[:2]
        cores.write({"is_warranty_core": True, "core_vendor_id": self.vendor.id})
        document.action_send()
        self.assertEqual(cores.mapped("core_state"), ["in_return", "in_return"])
        document.with_user(self.admin).action_receive()
        return document, cores

    def test_SP_30_cores_go_back_to_their_vendor_with_an_outgoing_transfer(self):
        document, cores = self._received_cores()
        self.assertEqual(cores.mapped("core_state"), ["to_return", "to_return"])
        self.assertEqual(document.line_ids[2].core_state, "none")
        self.assertEqual(cores.mapped("core_credit_expected"), [14.0, 80.0])
        action = self.env.ref("spare_parts_personal_wh.spare_parts_return_line_action_cores")
        listed = (
            self.env["spare.parts.return.line"]
            .with_user(self.admin)
            .search([("is_warranty_core", "=", True), ("core_state", "=", "to_return")])
        )
        self.assertEqual(listed, cores)
        self.assertEqual(action.res_model, "spare.parts.return.line")

        with self.assertRefused(
            AccessError, "Returning cores to vendors is for spare parts administrators."
        ):
            cores.with_user(self.engineer).action_return_cores_to_vendor()
        self.env.invalidate_all()
        result = cores.with_user(self.admin).action_return_cores_to_vendor()
        picking = self.env["stock.picking"].browse(result["res_id"])
        self.assertRecordValues(
            picking,
            [
                {
                    "partner_id": self.vendor.id,
                    "location_id": self.defective.id,
                    "location_dest_id": self.vendor.property_stock_supplier.id,
                    "state": "assigned",
                }
            ],
        )
        self.assertEqual(picking.picking_type_id.code, "outgoing")
        self.assertEqual(picking.move_ids.mapped("product_uom_qty"), [2.0, 1.0])
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, self.serial_3)
        self.assertEqual(cores.mapped("core_state"), ["shipping", "shipping"])
        currency = self.company.currency_id.name
        self.assertEqual(
            picking.activity_ids.summary,
            f"Vendor credit expected from Filtra BV: 94.00 {currency}",
        )
        self.assertEqual(picking.activity_ids.user_id, self.admin)
        # The return's follow-up task is done: the cores are on their way.
        self.assertFalse(
            document.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("spare_parts_personal_wh.mail_activity_type_core_return")
            )
        )
        with self.assertRefused(UserError, r"is not a received core waiting to go back"):
            cores.with_user(self.admin).action_return_cores_to_vendor()

        picking.button_validate()
        self.assertEqual(cores.mapped("core_state"), ["returned", "returned"])
        supplier = self.vendor.property_stock_supplier
        self.assertStock(self.part_plain, {self.defective: 1.0, supplier: 2.0})
        self.assertStock(self.part_serial, {self.defective: 0.0, supplier: 1.0}, lot=self.serial_3)

    def test_SP_30_core_without_supplier_is_refused(self):
        _document, cores = self._received_cores()
        cores[1].sudo().core_vendor_id = False  # a core received without its supplier
        with self.assertRefused(UserError, r"core 1 Units \[SP-CB\] Control Board has no supplier"):
            cores.with_user(self.admin).action_return_cores_to_vendor()
        self.assertFalse(cores.core_picking_id)
