# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo database of setup/run tells a story that works: engineers with vans,
a spare parts warehouse with stock, customers with equipment, open work orders."""

from odoo.tests import TransactionCase


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
        request.action_approve()
        request.action_ship()
        request.with_user(eva).action_receive()
        self.assertEqual(request.state, "done")
        board = ref("spare_parts_base.ticket_acme_line_board_demo")
        board.lot_id = ref("spare_parts_personal_wh.lot_board_stock_1_demo")
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
