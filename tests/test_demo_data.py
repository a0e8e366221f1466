# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo database of setup/run tells a story that works: engineers with vans,
a spare parts warehouse with stock, customers with equipment, open work orders."""

from odoo import fields
from odoo.tests import TransactionCase, new_test_user


class TestDemoData(TransactionCase):
    # Outside an addon Odoo does not tag test classes itself.
    test_tags = {"standard", "at_install"}
    test_module = "suite"

    def test_demo_story(self):
        ref = self.env.ref
        company = ref("base.main_company")
        self.assertEqual(company.spare_parts_mode, "advanced")
        eva = ref("spare_parts_base.user_engineer_eva_demo")
        sam = ref("spare_parts_base.user_engineer_sam_demo")
        self.assertTrue(eva.spare_parts_location_id)
        self.assertTrue(sam.spare_parts_location_id)
        filter_ = ref("spare_parts_base.product_air_filter_demo")
        board = ref("spare_parts_base.product_control_board_demo")
        central = ref("spare_parts_personal_wh.warehouse_spare_parts_demo").lot_stock_id
        Quant = self.env["stock.quant"]
        self.assertEqual(Quant._get_available_quantity(filter_, central), 40)
        self.assertEqual(Quant._get_available_quantity(board, central), 3)
        self.assertEqual(Quant._get_available_quantity(filter_, eva.spare_parts_location_id), 3)
        ticket = ref("spare_parts_base.ticket_acme_service_demo")
        self.assertEqual(
            ticket.equipment_id.customer_id, ref("spare_parts_base.customer_acme_demo")
        )
        self.assertEqual(ticket.spare_parts_planned_count, 2)

    def test_demo_request_ships_and_is_consumed(self):
        ref = self.env.ref
        eva = ref("spare_parts_base.user_engineer_eva_demo")
        request = ref("spare_parts_personal_wh.request_eva_demo")
        self.assertEqual(request.state, "submitted")
        admin = ref("base.user_admin")
        request.with_user(admin).action_approve()
        request.with_user(admin).action_ship()
        request.with_user(eva).action_receive()
        self.assertEqual(request.state, "done")
        board = ref("spare_parts_base.ticket_acme_line_board_demo")
        board.with_user(eva).lot_id = ref("spare_parts_personal_wh.lot_board_stock_1_demo")
        ticket = ref("spare_parts_base.ticket_acme_service_demo")
        ticket.with_user(eva).action_consume_parts()
        self.assertEqual(ticket.part_line_ids.mapped("state"), ["consumed", "consumed"])
        equipment = ref("spare_parts_base.equipment_acme_demo")
        self.assertEqual(
            equipment.spare_part_ids.filtered(
                lambda p: p.product_id == board.product_id
            ).lot_id.name,
            "CB-1001",
        )
        self.assertEqual(
            self.env["stock.quant"]._get_available_quantity(
                ref("spare_parts_base.product_air_filter_demo"), eva.spare_parts_location_id
            ),
            3,
        )

    def test_demo_billed_work_order_refill_request_and_core_return(self):
        ref = self.env.ref
        ticket = ref("spare_parts_sale.ticket_bolt_billed_demo")
        order = ticket.spare_parts_sale_order_ids
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, ref("spare_parts_base.customer_bolt_demo"))
        self.assertEqual(
            sorted((line.product_id.name, line.product_uom_qty) for line in order.order_line),
            [("Air Filter X200", 1.0), ("Field Service Labour", 1.5)],
        )
        eva = ref("spare_parts_base.user_engineer_eva_demo")
        refill = self.env["spare.parts.request"].search(
            [("engineer_id", "=", eva.id), ("state", "=", "draft")]
        )
        self.assertEqual(
            [(line.product_id, line.quantity) for line in refill.line_ids],
            [(ref("spare_parts_base.product_air_filter_demo"), 7.0)],
        )
        core = ref("spare_parts_personal_wh.return_sam_core_line_demo")
        self.assertEqual(core.core_state, "shipping")
        self.assertEqual(core.core_picking_id.partner_id.name, "Filtra BV")
        self.assertEqual(core.core_picking_id.state, "assigned")

    def test_demo_b2b_quotation_confirms_as_the_readme_says(self):
        """sales_inventory_b2b's USAGE: the NetLink quotation (15 switches, 2
        routers) is not blocked by the demo stock; a sales person confirms it."""
        ref = self.env.ref
        order = ref("sales_inventory_b2b.sale_order_distributor_demo")
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.b2b_ordering_mode, "consolidated")
        self.assertEqual(order.b2b_validation_rule, "block")
        self.assertEqual(
            sorted(
                (line.product_id.default_code, line.product_uom_qty) for line in order.order_line
            ),
            [("ERT-10", 2.0), ("NSW-24", 15.0)],
        )
        self.assertEqual(order._b2b_compute_shortages()[order]["shortages"], [])
        self.assertFalse(order.b2b_confirm_blocked)
        sales = new_test_user(
            self.env,
            login="demo_b2b_sales",
            groups="sales_inventory_b2b.group_b2b_salesperson",
        )
        order.user_id = sales
        order.with_user(sales).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.b2b_shortage_ids)

    def test_equipment_list_shows_each_column_once_with_every_addon(self):
        """spare_parts_base and warranty_sales both know the equipment's
        customer: with both installed it is still one column."""
        arch = self.env["maintenance.equipment"].get_view(view_type="list")["arch"]
        for name in ("customer_id", "product_id", "lot_id"):
            self.assertEqual(arch.count(f'name="{name}"'), 1, name)

    def test_demo_engineers_land_on_my_day(self):
        my_day = self.env.ref("spare_parts_base.helpdesk_ticket_action_my_day")
        for login in ("eva", "sam"):
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertEqual(user.action_id.id, my_day.id)
        planned = self.env.ref("spare_parts_base.ticket_acme_service_demo")
        self.assertEqual(planned.spare_parts_planned_date.date(), fields.Date.today())

    def test_demo_distributor_portal_login_sees_its_shipment(self):
        """netlink / netlink (README, setup/run): a portal user of NetLink
        Distribution who finds the shipped demo notice waiting for his receipt."""
        user = self.env.ref("sales_inventory_b2b.user_distributor_portal_demo")
        self.assertEqual(user.login, "netlink")
        self.assertTrue(user._is_portal())
        user.with_user(user)._check_credentials(
            {"type": "password", "password": "netlink"}, {"interactive": True}
        )
        order = self.env.ref("sales_inventory_b2b.sale_order_shipped_demo")
        shipments = self.env["sale.b2b.shipment"].with_user(user).search([])
        self.assertEqual(shipments.order_ids, order)
        self.assertEqual(shipments.receipt_state, "pending")
        self.assertEqual(shipments.tracking_ref, "JD014600003")

    def test_demo_admin_overview_and_serial_prompt(self):
        """SP-31 on the demo: the administrator's Overview counts Eva's
        submitted request; her board planned without a serial asks for it,
        offering the boards her van received."""
        ref = self.env.ref
        admin, eva = ref("base.user_admin"), ref("spare_parts_base.user_engineer_eva_demo")
        request = ref("spare_parts_personal_wh.request_eva_demo")
        card = ref("spare_parts_personal_wh.overview_card_requests_to_approve")
        self.env.invalidate_all()
        self.assertEqual(
            card.with_user(admin).count,
            self.env["spare.parts.request"].search_count([("state", "=", "submitted")]),
        )
        self.assertGreaterEqual(card.with_user(admin).count, 1)
        request.with_user(admin).action_approve()
        request.with_user(admin).action_ship()
        request.with_user(eva).action_receive()
        board = ref("spare_parts_base.ticket_acme_line_board_demo")
        board.sudo().lot_id = False  # planned without its serial
        self.env.invalidate_all()
        action = board.with_user(eva).action_consume()
        prompt = self.env["spare.parts.serial.prompt"].browse(action["res_id"])
        held = self.env["stock.quant"].search(
            [
                ("location_id", "=", eva.spare_parts_location_id.id),
                ("product_id", "=", board.product_id.id),
                ("quantity", ">", 0),
            ]
        )
        self.assertEqual(prompt.choice_lot_ids, held.lot_id)
        prompt.with_user(eva).lot_ids = held.lot_id[:1]
        prompt.with_user(eva).action_confirm()
        self.assertEqual(board.state, "consumed")
