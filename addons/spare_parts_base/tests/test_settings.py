# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError

from .common import SparePartsCommon


class TestSpareParts01Settings(SparePartsCommon):
    """SP-01 modes, SP-06 precision and the defaults of every setting."""

    def test_SP_01_simple_mode_after_installing_base(self):
        self.assertEqual(self.company.spare_parts_mode, "simple")
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.spare_parts_current_mode, "simple")
        self.assertEqual(settings.spare_parts_mode, "simple")
        self.assertFalse(settings.module_spare_parts_personal_wh)

    def test_SP_01_setting_defaults(self):
        settings = self.env["res.config.settings"].create({})
        expected = {
            "spare_parts_precision": 2,
            "spare_parts_request_rule": False,
            "spare_parts_consumption_rule": False,
            "spare_parts_barcode_scanning": False,
            "spare_parts_multi_personal_warehouse": False,
            "spare_parts_personal_transfer": False,
            "spare_parts_personal_adjustment": False,
            "spare_parts_service_bom": False,
            "spare_parts_part_replacement": False,
            "spare_parts_return_reminder_days": 30,
            "spare_parts_auto_confirm_inbound": False,
            "spare_parts_check_sheet_source": "products",
            "module_spare_parts_repair": False,
        }
        self.assertEqual({f: settings[f] for f in expected}, expected)
        self.assertFalse(self.company.spare_parts_warehouse_tracking)

    def test_SP_01_standard_feature_refused_in_simple_mode(self):
        with self.assertRaises(ValidationError) as error:
            self.company.spare_parts_consumption_rule = True
        self.assertEqual(
            error.exception.args[0],
            f"The consumption rule needs Spare Parts mode Standard or higher; company "
            f"{self.company.name} is in Simple mode. Move up a mode in Settings > Spare Parts.",
        )
        self.assertFalse(self.company.spare_parts_consumption_rule)

    def test_SP_01_advanced_features_refused_in_simple_mode(self):
        with self.assertRefused(ValidationError, "needs Spare Parts mode Advanced"):
            self.company.spare_parts_auto_confirm_inbound = True
        self.company.invalidate_recordset()
        self.assertFalse(self.company.spare_parts_auto_confirm_inbound)
        with self.assertRefused(ValidationError, "Counting only products in stock"):
            self.company.spare_parts_check_sheet_source = "inventory"
        self.company.invalidate_recordset()
        self.assertEqual(self.company.spare_parts_check_sheet_source, "products")

    def test_SP_01_server_check_helper_refuses_higher_mode(self):
        with self.assertRefused(UserError, "Personal warehouses needs Spare Parts mode"):
            self.company._check_spare_parts_mode("standard", "Personal warehouses")
        # Simple features stay allowed.
        self.company._check_spare_parts_mode("simple", "Consumption")

    def test_SP_01_moving_up_ticks_the_addon_of_the_mode(self):
        settings = self.env["res.config.settings"].create({"spare_parts_mode": "standard"})
        settings._apply_spare_parts_mode()
        self.assertTrue(settings.module_spare_parts_personal_wh)
        self.assertFalse(self.company.spare_parts_warehouse_tracking)
        settings = self.env["res.config.settings"].create({"spare_parts_mode": "advanced"})
        settings._apply_spare_parts_mode()
        self.assertTrue(settings.module_spare_parts_personal_wh)
        self.assertTrue(self.company.spare_parts_warehouse_tracking)
        # Without personal warehouses installed the company is still in Simple mode.
        self.assertEqual(self.company.spare_parts_mode, "simple")

    def test_SP_01_repair_refused_below_advanced(self):
        settings = self.env["res.config.settings"].create(
            {"spare_parts_mode": "standard", "module_spare_parts_repair": True}
        )
        with self.assertRaises(UserError) as error:
            settings.execute()
        self.assertEqual(
            error.exception.args[0],
            f"Spare parts repair needs Advanced mode; company {self.company.name} would be "
            f"in Standard mode.",
        )

    def test_SP_06_precision_default_and_change(self):
        precision = self.env.ref("spare_parts_base.decimal_spare_parts")
        self.assertEqual(precision.digits, 2)
        line_digits = self.env["spare.parts.line"]._fields["quantity"].get_digits(self.env)
        self.assertEqual(line_digits[1], 2)
        settings = self.env["res.config.settings"].create({"spare_parts_precision": 3})
        settings.set_values()
        self.assertEqual(precision.digits, 3)
        with self.assertRefused(UserError, "zero or more decimal places, not -1"):
            self.env["res.config.settings"].create({"spare_parts_precision": -1})

    def test_SP_06_precision_used_by_every_spare_parts_quantity(self):
        for model, fname in [
            ("spare.parts.line", "quantity"),
            ("spare.parts.service.bom.line", "quantity"),
            ("spare.parts.equipment.part", "quantity"),
            ("spare.parts.replacement", "quantity"),
        ]:
            self.assertEqual(self.env[model]._fields[fname]._digits, "Spare Parts", model)

    def test_SP_01_settings_view_renders(self):
        arch = self.env["res.config.settings"].get_view(view_type="form")["arch"]
        for fname in (
            "spare_parts_mode",
            "spare_parts_precision",
            "spare_parts_request_rule",
            "spare_parts_check_sheet_source",
            "module_spare_parts_repair",
        ):
            self.assertIn(f'name="{fname}"', arch)
