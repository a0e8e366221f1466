# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import freeze_time, new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class WarrantySalesCommon(AccountTestInvoicingCommon):
    """Fixtures of the warranty tests.

    - ``customer`` (a company) with a contact ``customer_contact``, ``other_customer``;
    - ``payer`` and its claim agreement ``payer_pricelist``: part 36.00, serial part 950.00;
    - ``part`` (list 48.00, cost 30.00) and ``serial_part`` (list 1200.00, cost 800.00,
      tracked by serial), both in stock;
    - ``warranty_type`` STD: 12 months of warranty, 6 months of goodwill;
    - ``equipment`` of the customer (robot serial MR-0001) with ``warranty``:
      2025-01-01 .. 2025-12-31, goodwill until 2026-06-30, settlement 80%;
    - ``other_equipment`` of ``other_customer`` (serial MR-0002).
    """

    @classmethod
    def get_default_groups(cls):
        return (
            super().get_default_groups()
            | cls.quick_ref("sales_team.group_sale_manager")
            | cls.quick_ref("maintenance.group_equipment_manager")
            | cls.quick_ref("stock.group_production_lot")
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.customer, cls.other_customer, cls.payer = cls.env["res.partner"].create(
            [
                {"name": "Nordic Dairy Farm", "is_company": True},
                {"name": "Southern Dairy", "is_company": True},
                {
                    "name": "Robot Works Ltd",
                    "is_company": True,
                    "email": "claims@robotworks.example.com",
                },
            ]
        )
        cls.customer_contact = cls.env["res.partner"].create(
            {"name": "Anna Nordic", "parent_id": cls.customer.id}
        )
        product_vals = {
            "type": "consu",
            "is_storable": True,
            "categ_id": cls.product_category.id,
            "taxes_id": [Command.clear()],
            "uom_id": cls.uom_unit.id,
        }
        cls.part, cls.serial_part, cls.robot = cls.env["product.product"].create(
            [
                {
                    **product_vals,
                    "name": "Teat Cup Liner",
                    "default_code": "TCL",
                    "list_price": 48.0,
                    "standard_price": 30.0,
                },
                {
                    **product_vals,
                    "name": "Vacuum Pump",
                    "default_code": "VP",
                    "tracking": "serial",
                    "list_price": 1200.0,
                    "standard_price": 800.0,
                },
                {
                    **product_vals,
                    "name": "Milking Robot",
                    "default_code": "MR",
                    "tracking": "serial",
                    "list_price": 95000.0,
                    "standard_price": 70000.0,
                },
            ]
        )
        cls.sale_pricelist = cls.pricelist
        cls.payer_pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Robot Works claim agreement",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": cls.part.id,
                            "fixed_price": 36.0,
                        }
                    ),
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": cls.serial_part.id,
                            "fixed_price": 950.0,
                        }
                    ),
                ],
            }
        )
        cls.robot_lot, cls.other_robot_lot, cls.pump_lot_1, cls.pump_lot_2 = cls.env[
            "stock.lot"
        ].create(
            [
                {"name": "MR-0001", "product_id": cls.robot.id},
                {"name": "MR-0002", "product_id": cls.robot.id},
                {"name": "VP-0001", "product_id": cls.serial_part.id},
                {"name": "VP-0002", "product_id": cls.serial_part.id},
            ]
        )
        cls.warranty_type = cls.env["warranty.type"].create(
            {
                "code": "STD",
                "name": "Standard supplier warranty",
                "warranty_months": 12,
                "goodwill_months": 6,
            }
        )
        cls.equipment, cls.other_equipment = cls.env["maintenance.equipment"].create(
            [
                {
                    "name": "Milking robot barn 1",
                    "customer_id": cls.customer.id,
                    "product_id": cls.robot.id,
                    "lot_id": cls.robot_lot.id,
                },
                {
                    "name": "Milking robot south",
                    "customer_id": cls.other_customer.id,
                    "product_id": cls.robot.id,
                    "lot_id": cls.other_robot_lot.id,
                },
            ]
        )
        cls.warranty = cls.env["maintenance.equipment.warranty"].create(
            {
                "equipment_id": cls.equipment.id,
                "type_id": cls.warranty_type.id,
                "date_start": date(2025, 1, 1),
                "payer_id": cls.payer.id,
                "pricelist_id": cls.payer_pricelist.id,
                "settlement_percent": 80.0,
            }
        )
        stock = cls.warehouse.lot_stock_id
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.part, stock, 100.0)
        Quant._update_available_quantity(cls.serial_part, stock, 1.0, lot_id=cls.pump_lot_1)
        Quant._update_available_quantity(cls.serial_part, stock, 1.0, lot_id=cls.pump_lot_2)

    # ------------------------------------------------------------------ helpers
    @classmethod
    def _new_user(cls, login, groups):
        """A user of ``groups`` (comma-separated xml ids) in the test's
        company only, the role a test acts as."""
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )

    @classmethod
    def _create_claim_accounts(cls, code):
        """The claims-in-progress and claim-charge accounts of WS-08 (codes
        ending in ``code``) and the miscellaneous journal, not configured yet."""
        cls.in_progress_account, cls.charge_account = cls.env["account.account"].create(
            [
                {
                    "name": "Warranty claims in progress",
                    "code": f"WCIP{code}",
                    "account_type": "asset_current",
                },
                {
                    "name": "Warranty claim charges",
                    "code": f"WCCH{code}",
                    "account_type": "expense",
                },
            ]
        )
        cls.misc_journal = cls.company_data["default_journal_misc"]

    def _balance(self, account, partner=None):
        """Posted balance of ``account`` (for ``partner`` when given)."""
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        return sum(self.env["account.move.line"].search(domain).mapped("balance"))

    @classmethod
    def _create_order(cls, lines, partner=None):
        """lines: list of (product, quantity, equipment or None)."""
        return cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "pricelist_id": cls.sale_pricelist.id,
                "warehouse_id": cls.warehouse.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "warranty_equipment_id": equipment.id if equipment else False,
                        }
                    )
                    for product, quantity, equipment in lines
                ],
            }
        )

    def _confirm_on(self, order, when):
        with freeze_time(when):
            order.action_confirm()
        return order

    def _deliver(self, order):
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.action_assign()
        picking.move_ids.picked = True
        result = picking.button_validate()
        self.assertIs(result, True)
        return picking

    def _invoice(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice
