# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import api, models
from odoo.exceptions import AccessError


class SparePartsIntegration(models.AbstractModel):
    """Import master data and stock from an external ERP/WMS (SP-25).

    Every method takes a list of rows (dicts), is idempotent (rows are matched by
    their external key: product ``default_code``, warehouse ``code``, the
    location's barcode or full name), validates every row first and applies
    nothing when one row is wrong. It returns ``{"ok": bool, "errors": [{"row":
    index, "error": message}], "created": n, "updated": n}``. Callable over
    JSON-RPC / XML-RPC as ``execute_kw(db, uid, pwd, 'spare.parts.integration',
    'upsert_products', [rows])``."""

    _name = "spare.parts.integration"
    _description = "Spare Parts Integration API"

    # ------------------------------------------------------------ products
    @api.model
    def upsert_products(self, rows):
        """Rows: {default_code (key), name, tracking: none|lot|serial, barcode,
        standard_price, uom (name)}."""
        self._check_integration_access()
        errors = []
        prepared = []
        existing = self._existing_products([row.get("default_code") for row in rows])
        for index, row in enumerate(rows):
            error = self._validate_product_row(row)
            if error:
                errors.append({"row": index, "error": error})
                continue
            prepared.append((existing.get(row["default_code"]), self._prepare_product_vals(row)))
        if errors:
            return self._result(errors=errors)
        created = updated = 0
        for product, vals in prepared:
            if product:
                product.write(vals)
                updated += 1
            else:
                self.env["product.product"].create(vals)
                created += 1
        return self._result(created=created, updated=updated)

    def _existing_products(self, codes):
        products = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search([("default_code", "in", [c for c in codes if c])])
        )
        return {product.default_code: product for product in products}

    def _validate_product_row(self, row):
        if not row.get("default_code"):
            return self.env._("default_code is required.")
        if not row.get("name"):
            return self.env._("name is required for product %(code)s.", code=row["default_code"])
        if row.get("tracking", "none") not in ("none", "lot", "serial"):
            return self.env._(
                "tracking of %(code)s must be none, lot or serial, not %(value)s.",
                code=row["default_code"],
                value=row["tracking"],
            )
        if "standard_price" in row and not self._is_number(row["standard_price"]):
            return self.env._(
                "standard_price of %(code)s must be a number.", code=row["default_code"]
            )
        return ""

    def _prepare_product_vals(self, row):
        vals = {
            "default_code": row["default_code"],
            "name": row["name"],
            "type": "consu",
            "is_storable": True,
            "tracking": row.get("tracking", "none"),
        }
        for key in ("barcode", "standard_price"):
            if key in row:
                vals[key] = row[key]
        return vals

    # ------------------------------------------------------------ warehouses
    @api.model
    def upsert_warehouses(self, rows):
        """Rows: {code (key, at most 5 characters), name}; they become spare parts
        warehouses of the current company."""
        self._check_integration_access()
        company = self.env.company
        Warehouse = self.env["stock.warehouse"].with_context(active_test=False)
        existing = {
            wh.code: wh
            for wh in Warehouse.search(
                [("company_id", "=", company.id), ("code", "in", [r.get("code") for r in rows])]
            )
        }
        errors = []
        for index, row in enumerate(rows):
            if not row.get("code") or len(row["code"]) > 5:
                errors.append(
                    {
                        "row": index,
                        "error": self.env._("code is required and has at most 5 characters."),
                    }
                )
            elif not row.get("name"):
                errors.append(
                    {
                        "row": index,
                        "error": self.env._(
                            "name is required for warehouse %(code)s.", code=row["code"]
                        ),
                    }
                )
        if errors:
            return self._result(errors=errors)
        created = updated = 0
        for row in rows:
            vals = {"name": row["name"], "is_spare_parts_warehouse": True}
            if row["code"] in existing:
                existing[row["code"]].write(vals)
                updated += 1
            else:
                existing[row["code"]] = Warehouse.create(
                    dict(vals, code=row["code"], company_id=company.id)
                )
                created += 1
        return self._result(created=created, updated=updated)

    # ------------------------------------------------------------ stock
    @api.model
    def set_stock_levels(self, rows):
        """Rows: {warehouse (code) or location (barcode / full name), default_code,
        lot (optional), quantity}: the on-hand quantity becomes ``quantity``
        through inventory moves; a row already in line changes nothing."""
        self._check_integration_access()
        products = self._existing_products([row.get("default_code") for row in rows])
        errors, prepared = [], []
        for index, row in enumerate(rows):
            location = self._find_location(row)
            product = products.get(row.get("default_code"))
            qty = row.get("quantity")
            if not location:
                error = self.env._("unknown warehouse or location in row %(row)s.", row=index)
            elif not product:
                error = self.env._("unknown product %(code)s.", code=row.get("default_code"))
            elif not self._is_number(qty) or qty < 0:
                error = self.env._("quantity must be a number of at least 0.")
            elif not self._may_set_stock_in(location):
                error = self.env._(
                    "%(location)s is an engineer's personal warehouse; the integration API "
                    "sets van stock only where the company allows it (Settings > Spare "
                    "Parts > Integration Sets Van Stock).",
                    location=location.sudo().display_name,
                )
            elif product.tracking != "none" and not row.get("lot"):
                error = self.env._(
                    "%(code)s is tracked: lot is required.", code=product.default_code
                )
            else:
                error = ""
            if error:
                errors.append({"row": index, "error": error})
            else:
                prepared.append((location, product, row.get("lot"), qty))
        if errors:
            return self._result(errors=errors)
        items = [
            (location, product, self._get_or_create_lot(product, lot_name), qty)
            for location, product, lot_name, qty in prepared
        ]
        before = self.env["stock.quant"]._spare_parts_set_quantities(
            items, self.env._("External stock sync")
        )
        updated = sum(1 for index, item in enumerate(items) if before[index] != item[3])
        return self._result(updated=updated)

    def _find_location(self, row):
        if row.get("warehouse"):
            warehouse = self.env["stock.warehouse"].search(
                [("code", "=", row["warehouse"]), ("company_id", "=", self.env.company.id)],
                limit=1,
            )
            return warehouse.lot_stock_id
        if row.get("location"):
            return self.env["stock.location"].search(
                ["|", ("barcode", "=", row["location"]), ("complete_name", "=", row["location"])],
                limit=1,
            )
        return self.env["stock.location"]

    def _get_or_create_lot(self, product, lot_name):
        if not lot_name:
            return self.env["stock.lot"]
        Lot = self.env["stock.lot"].sudo()
        lot = Lot.search([("product_id", "=", product.id), ("name", "=", lot_name)], limit=1)
        return lot or Lot.create({"product_id": product.id, "name": lot_name})

    # ------------------------------------------------------------ helpers
    @api.model
    def _is_number(self, value):
        """A finite JSON number: booleans, NaN and infinities are refused."""
        return (
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        )

    def _may_set_stock_in(self, location):
        """Van stock moves with the suite's documents, unless the company lets
        its ERP set it too."""
        return (
            not location.sudo().spare_parts_owner_id
            or self.env.company.spare_parts_integration_vans
        )

    def _check_integration_access(self):
        self.env.company._check_spare_parts_mode("advanced", self.env._("The integration API"))
        user = self.env.user
        if not (
            self.env.su
            or user.has_group("spare_parts_base.group_spare_parts_admin")
            or user.has_group("spare_parts_personal_wh.group_spare_parts_integration")
        ):
            raise AccessError(
                self.env._(
                    "%(user)s may not call the integration API: that needs the Spare "
                    "Parts: Integration API role or the Spare Parts Administrator role.",
                    user=user.name,
                )
            )
        self.env["stock.quant"].check_access("write")
        self.env["product.product"].check_access("create")

    def _result(self, errors=None, created=0, updated=0):
        return {"ok": not errors, "errors": errors or [], "created": created, "updated": updated}

    @api.model
    def _load_demo_stock(self):
        """Demo data: stock of the central spare parts warehouse and the vans,
        loaded through the same path as an external stock sync."""
        engineers = self.env.ref("spare_parts_base.group_spare_parts_engineer").all_user_ids
        vans = engineers.spare_parts_location_ids
        items = [
            (
                self.env.ref("spare_parts_personal_wh.warehouse_spare_parts_demo").lot_stock_id,
                self.env.ref("spare_parts_base.product_air_filter_demo"),
                None,
                40,
            ),
            (
                self.env.ref("spare_parts_personal_wh.warehouse_spare_parts_demo").lot_stock_id,
                self.env.ref("spare_parts_base.product_drive_belt_demo"),
                None,
                15,
            ),
        ]
        stock = self.env.ref("spare_parts_personal_wh.warehouse_spare_parts_demo").lot_stock_id
        for xmlid in ("lot_board_stock_1_demo", "lot_board_stock_2_demo", "lot_board_stock_3_demo"):
            lot = self.env.ref(f"spare_parts_personal_wh.{xmlid}")
            items.append((stock, lot.product_id, lot, 1))
        for van in vans:
            items.append((van, self.env.ref("spare_parts_base.product_air_filter_demo"), None, 3))
        self.env["stock.quant"]._spare_parts_set_quantities(items, self.env._("Demo stock"))
