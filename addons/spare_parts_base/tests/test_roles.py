# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from .common import SparePartsCommon


class TestSpareParts02Roles(SparePartsCommon):
    """SP-02: groups, menus by role and what each role may touch."""

    def _visible_menus(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_SP_02_groups_in_user_form(self):
        engineer = self.env.ref("spare_parts_base.group_spare_parts_engineer")
        admin = self.env.ref("spare_parts_base.group_spare_parts_admin")
        privilege = self.env.ref("spare_parts_base.res_groups_privilege_spare_parts")
        self.assertEqual(engineer.privilege_id, privilege)
        self.assertEqual(admin.privilege_id, privilege)
        self.assertIn(engineer, admin.implied_ids)
        self.assertTrue(self.admin.has_group("spare_parts_base.group_spare_parts_engineer"))

    def test_SP_02_each_role_sees_its_menus(self):
        root = self.env.ref("spare_parts_base.menu_spare_parts_root").id
        work_orders = self.env.ref("spare_parts_base.menu_spare_parts_work_orders").id
        config = self.env.ref("spare_parts_base.menu_spare_parts_config").id
        usage = self.env.ref("spare_parts_base.menu_spare_parts_usage").id
        engineer_menus = self._visible_menus(self.engineer)
        self.assertIn(root, engineer_menus)
        self.assertIn(work_orders, engineer_menus)
        self.assertNotIn(config, engineer_menus)
        self.assertNotIn(usage, engineer_menus)
        admin_menus = self._visible_menus(self.admin)
        self.assertIn(config, admin_menus)
        self.assertIn(usage, admin_menus)
        self.assertNotIn(root, self._visible_menus(self.plain_user))

    def test_SP_02_engineer_sees_only_his_parts_lines(self):
        own = self._add_line(self.ticket, self.part_plain, 2)
        other_ticket = self._new_ticket(self.engineer_2)
        other = self._add_line(other_ticket, self.part_plain, 1)
        Line = self.env["spare.parts.line"]
        visible = Line.with_user(self.engineer).search([("id", "in", (own | other).ids)])
        self.assertEqual(visible, own)
        visible = Line.with_user(self.admin).search([("id", "in", (own | other).ids)])
        self.assertEqual(visible, own | other)
        with self.assertRaises(AccessError):
            other.with_user(self.engineer).write({"quantity": 5})

    def test_SP_02_plain_user_cannot_write_parts(self):
        line = self._add_line(self.ticket, self.part_plain, 2)
        with self.assertRaises(AccessError):
            line.with_user(self.plain_user).write({"quantity": 3})
        with self.assertRaises(AccessError):
            self.env["spare.parts.service.bom.line"].with_user(self.engineer).create(
                {
                    "equipment_product_tmpl_id": self.equipment_model.product_tmpl_id.id,
                    "part_id": self.part_plain.id,
                }
            )

    def test_SP_02_only_admins_change_settings_of_the_company(self):
        with self.assertRaises(AccessError):
            self.company.with_user(self.engineer).write({"spare_parts_service_bom": True})
