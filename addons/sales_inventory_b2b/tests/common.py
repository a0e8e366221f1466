# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.document_write_policy.tests.common import RefusalAssertions


class B2bCommon(RefusalAssertions, TransactionCase):
    """Fixtures: two warehouses of the current company (``wh_a``, ``wh_b``),
    storable products ``product`` (10 in A, 5 in B), ``product_2`` (3 in A)
    and ``product_box`` (sold in boxes of 6, stock set per test), a customer,
    and one user per role: ``salesperson``, ``shipping``, ``order_admin``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.env.company
        cls.company.write(
            {
                "b2b_inventory_mode": "standalone",
                "b2b_ordering_mode": "single",
                "b2b_validation_rule": "block",
                "b2b_show_available": False,
                "b2b_reserve_inventory": False,
                "b2b_shipping_mode": "notice",
                "b2b_shipping_population": "auto",
                "b2b_multi_order_shipping": False,
                "b2b_receipt_confirmation": "manual",
                "b2b_receipt_confirmation_days": 7,
                "b2b_order_return_rule": "several",
                "b2b_shipment_returns": False,
                "b2b_source_free_returns": False,
                "b2b_exchanges": False,
            }
        )
        Warehouse = cls.env["stock.warehouse"]
        cls.wh_a = Warehouse.create({"name": "B2B Warehouse A", "code": "B2BA"})
        cls.wh_b = Warehouse.create({"name": "B2B Warehouse B", "code": "B2BB"})
        cls.company.b2b_consolidated_warehouse_ids = cls.wh_a | cls.wh_b
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.uom_box = cls.env["uom.uom"].create(
            {
                "name": "Box of 6",
                "relative_factor": 6.0,
                "relative_uom_id": cls.uom_unit.id,
            }
        )
        cls.product, cls.product_2, cls.product_box = cls.env["product.product"].create(
            [
                {
                    "name": "Switch",
                    "default_code": "SW-1",
                    "is_storable": True,
                    "list_price": 100.0,
                },
                {
                    "name": "Router",
                    "default_code": "RT-1",
                    "is_storable": True,
                    "list_price": 200.0,
                },
                {
                    "name": "Cable",
                    "default_code": "CB-1",
                    "is_storable": True,
                    "list_price": 2.0,
                },
            ]
        )
        cls.service = cls.env["product.product"].create(
            {"name": "Installation", "type": "service", "list_price": 50.0}
        )
        cls.set_stock(cls.product, cls.wh_a, 10)
        cls.set_stock(cls.product, cls.wh_b, 5)
        cls.set_stock(cls.product_2, cls.wh_a, 3)
        cls.partner = cls.env["res.partner"].create({"name": "Distributor One", "is_company": True})
        cls.default_type = cls.env.ref("sales_inventory_b2b.sale_b2b_order_type_standard")
        cls.salesperson = new_test_user(
            cls.env,
            login="b2b_sales",
            groups="sales_inventory_b2b.group_b2b_salesperson",
        )
        cls.shipping = new_test_user(
            cls.env,
            login="b2b_shipping",
            groups="sales_inventory_b2b.group_b2b_shipping",
        )
        cls.order_admin = new_test_user(
            cls.env,
            login="b2b_admin",
            groups="sales_inventory_b2b.group_b2b_order_admin",
        )

    @classmethod
    def set_stock(cls, product, warehouse, quantity):
        """Add ``quantity`` on hand (no move) in the warehouse's stock location."""
        cls.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, quantity)

    @classmethod
    def create_confirmed_order(cls, lines, partner=None, warehouse=None, user=None):
        """An order of ``create_order`` confirmed by its salesperson."""
        order = cls.create_order(lines, warehouse=warehouse, partner=partner, user=user)
        order.with_user(order.user_id).action_confirm()
        return order

    @staticmethod
    def notice_of(order):
        return order.b2b_shipment_ids.filtered(
            lambda s: s.kind == "notice" and s.state == "pending"
        )

    @staticmethod
    def delivered(order):
        return order.order_line.mapped("qty_delivered")

    @classmethod
    def create_serials(cls, product, names, warehouse=None):
        lots = cls.env["stock.lot"].create(
            [{"name": name, "product_id": product.id} for name in names]
        )
        for lot in lots:
            cls.env["stock.quant"]._update_available_quantity(
                product, (warehouse or cls.wh_a).lot_stock_id, 1.0, lot_id=lot
            )
        return lots

    @classmethod
    def create_order(cls, lines, warehouse=None, order_type=None, user=None, partner=None):
        """``lines``: list of (product, quantity[, uom]). The order is the
        salesperson's (``user``, the sales person by default), entered by him;
        it is returned in the test's environment, buttons are pressed with
        ``with_user``."""
        warehouse = warehouse or cls.wh_a
        user = user or cls.salesperson
        vals = {
            "user_id": user.id,
            "partner_id": (partner or cls.partner).id,
            "warehouse_id": warehouse.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": line[0].id,
                        "product_uom_qty": line[1],
                        "product_uom_id": (line[2] if len(line) > 2 else line[0].uom_id).id,
                    }
                )
                for line in lines
            ],
        }
        if order_type:
            vals["b2b_order_type_id"] = order_type.id
        return cls.env["sale.order"].with_user(user).create(vals).with_env(cls.env)

    @classmethod
    def create_return(cls, vals, user=None):
        """A return entered by the sales person (or ``user``), in the test's
        environment."""
        Return = cls.env["sale.b2b.return"].with_user(user or cls.salesperson)
        return Return.create(vals).with_env(cls.env)

    def ship(self, order, quantities=None):
        """Ship the order's notice (all planned, or {order line: qty})."""
        notice = self.notice_of(order)
        staff_notice = notice.with_user(self.shipping)
        if quantities is None:
            staff_notice.action_register_fulfilment()
        else:
            staff_notice._apply_fulfilment(
                {
                    staff_notice.line_ids.filtered(lambda x, sol=sol: x.sale_line_id == sol): (
                        qty,
                        self.env["stock.lot"],
                    )
                    for sol, qty in quantities.items()
                }
            )
        return notice

    def new_return(self, lines, kind="order", **vals):
        """A return entered by the sales person; ``lines``: (order line or
        shipment line, quantity[, lots])."""
        line_vals = []
        for line in lines:
            key = (
                "shipment_line_id" if line[0]._name == "sale.b2b.shipment.line" else "sale_line_id"
            )
            values = {key: line[0].id, "quantity": line[1]}
            if len(line) > 2:
                values["lot_ids"] = [Command.set(line[2].ids)]
            line_vals.append(values)
        return self.create_return(
            dict(
                {
                    "partner_id": self.partner.id,
                    "kind": kind,
                    "line_ids": [Command.create(v) for v in line_vals],
                },
                **vals,
            )
        )

    def short_message(self, order, details):
        """Exact refusal text of the block rule; ``details`` are
        (product, needed, available, scope label)."""
        lines = "\n".join(
            f"- {product.display_name}: needed {needed:.2f} {product.uom_id.name}, "
            f"available {available:.2f} {product.uom_id.name} ({scope})"
            for product, needed, available, scope in details
        )
        return (
            f"Order {order.name} cannot be confirmed: the validation rule "
            f'"Block submission" refuses orders needing more than the available '
            f"inventory.\n{lines}"
        )
