# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.spare_parts_base.tests.common import SparePartsCommon


class PersonalWarehouseCommon(SparePartsCommon):
    """Adds to the base fixtures: the company's spare parts locations, a personal
    warehouse for ``engineer`` (``van_1``) and ``engineer_2`` (``van_2``), and a
    spare parts warehouse ``spw`` (default of the company) holding 10 air filters
    and control boards CB-0001..CB-0003. The company is in Standard mode; call
    ``_advanced()`` to switch to Advanced mode."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._spare_parts_setup_locations()
        cls.van_1 = cls.engineer.action_create_personal_warehouse()
        cls.van_2 = cls.engineer_2.action_create_personal_warehouse()
        cls.spw = cls.env["stock.warehouse"].create(
            {"name": "Spare Parts Central", "code": "SPW", "is_spare_parts_warehouse": True}
        )
        cls.company.spare_parts_warehouse_id = cls.spw
        cls.spw_stock = cls.spw.lot_stock_id
        cls.transit = cls.company.spare_parts_transit_location_id
        cls.defective = cls.company.spare_parts_defective_location_id
        cls.supply = cls.company.spare_parts_supply_location_id
        cls.customers = cls.env.ref("stock.stock_location_customers")
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.part_plain, cls.spw_stock, 10)
        for lot in (cls.serial_1, cls.serial_2, cls.serial_3):
            Quant._update_available_quantity(cls.part_serial, cls.spw_stock, 1, lot_id=lot)

    @classmethod
    def _advanced(cls):
        cls.company.spare_parts_warehouse_tracking = True

    def _qty(self, location, product, lot=None):
        quants = (
            self.env["stock.quant"].sudo()._gather(product, location, lot_id=lot, strict=bool(lot))
        )
        return sum(quants.mapped("quantity"))

    def assertStock(self, product, expected, lot=None):
        """expected: {location: quantity}"""
        actual = {loc: self._qty(loc, product, lot) for loc in expected}
        self.assertEqual(actual, expected)

    def _request(self, lines, engineer=None, ticket=None, **vals):
        engineer = engineer or self.engineer
        return (
            self.env["spare.parts.request"]
            .with_user(engineer)
            .create(
                dict(
                    {
                        "engineer_id": engineer.id,
                        "ticket_id": ticket.id if ticket else False,
                        "line_ids": [
                            (
                                0,
                                0,
                                {
                                    "product_id": product.id,
                                    "quantity": qty,
                                    "lot_ids": [(6, 0, lots.ids)] if lots else [],
                                },
                            )
                            for product, qty, lots in lines
                        ],
                    },
                    **vals,
                )
            )
        )

    def _deliver_to_van(self, lines, engineer=None, ticket=None):
        """Request, approve, ship and acknowledge: parts end in the engineer's van."""
        engineer = engineer or self.engineer
        request = self._request(lines, engineer=engineer, ticket=ticket)
        request.action_submit()
        request.with_user(self.admin).action_approve()
        if request.state == "approved" and request.spare_parts_mode == "advanced":
            request.with_user(self.admin).action_ship()
        request.with_user(engineer).action_receive()
        return request
