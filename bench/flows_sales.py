# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales flows, suite against plain Odoo's sales order.

- b2b_confirm: a sales person enters and confirms an order whose parts are
  in other warehouses; the suite checks them over 10 warehouses on
  confirmation (consolidated ordering, block rule) and splits the delivery
  over the warehouses that hold them; plain Odoo confirms the same order with
  the stock in its own warehouse (it delivers from there only). Both reserve
  every line. 10 to 1,000 lines.
- b2b_warehouses: the same with 200 lines over 1, 10 and 50 warehouses.
- warranty_quote: a sales person quotes parts for customer equipment under
  warranty and confirms: the suite prices each line from the equipment's
  warranty; in plain Odoo the parts are priced from the pricelist as they are
  entered and the sales person types the warranty price (0) on each line.
  Each line has its own part and its own equipment.
"""

from datetime import date

from benchlib import Flow
from flows_spare_parts import new_user

from odoo.fields import Command

WAREHOUSES = 50


def new_agreement(env, name):
    """A claim payer's agreement: a pricelist, flagged as one where the
    addon has the flag, so that Odoo never offers it as a customer's
    default pricelist."""
    Pricelist = env["product.pricelist"]
    vals = {"name": name}
    if "is_warranty_agreement" in Pricelist._fields:
        vals["is_warranty_agreement"] = True
    return Pricelist.create(vals)


def new_products(env, count, prefix):
    return env["product.product"].create(
        [
            {
                "name": f"{prefix} {index}",
                "is_storable": True,
                "list_price": 10.0 + index % 50,
                "standard_price": 5.0,
            }
            for index in range(count)
        ]
    )


class B2bFlow(Flow):
    """Flows of the ``b2b`` bench profile: one sales person, one customer,
    50 warehouses (the order's own, which holds nothing, comes first)."""

    world = "b2b"
    warehouse_count = 10

    def setup_plain(self, env):
        return self._world(env, ["sales_team.group_sale_salesman"])

    def setup_suite(self, env):
        return self._world(env, ["sales_inventory_b2b.group_b2b_salesperson"])

    def _world(self, env, groups):
        warehouses = env["stock.warehouse"].create(
            [{"name": f"Bench warehouse {i:02d}", "code": f"BW{i:02d}"} for i in range(WAREHOUSES)]
        )
        return {
            "salesperson": new_user(env, "bench_sales", groups).id,
            "customer": env["res.partner"].create({"name": "Bench Distributor"}).id,
            "warehouses": warehouses.ids,
        }

    def _prepare(self, env, side_name, lines, warehouse_count):
        """``lines`` parts. For the suite, each is stocked in two warehouses
        of the first ``warehouse_count`` other than the order's (in the
        order's own when there is only one): the check counts them and the
        delivery is split over the warehouses that hold them (SI-19). In
        plain Odoo, which delivers from the order's warehouse only, the same
        stock is in the order's warehouse, so that both sides reserve and
        deliver every line."""
        world = self.fixtures_by_side[side_name]
        warehouses = env["stock.warehouse"].browse(world["warehouses"][:warehouse_count])
        products = new_products(env, lines, "Bench switch")
        Quant = env["stock.quant"]
        others = (warehouses[1:] or warehouses) if side_name == "suite" else warehouses[:1]
        for index, product in enumerate(products):
            for offset in (0, 1):
                warehouse = others[(index + offset) % len(others)]
                Quant._update_available_quantity(product, warehouse.lot_stock_id, 500)
        if side_name == "suite":
            env.company.write(
                {
                    "b2b_inventory_mode": "standalone",
                    "b2b_ordering_mode": "consolidated",
                    "b2b_validation_rule": "block",
                    "b2b_reserve_inventory": False,
                    "b2b_consolidated_warehouse_ids": [Command.set(warehouses.ids)],
                }
            )
        return {"world": world, "products": products, "warehouse": warehouses[0]}

    def sizes_to_lines(self, size):
        return size, self.warehouse_count

    def prepare_plain(self, env, size):
        return self._prepare(env, "plain", *self.sizes_to_lines(size))

    def prepare_suite(self, env, size):
        return self._prepare(env, "suite", *self.sizes_to_lines(size))

    def _order(self, env, data):
        salesperson = env["res.users"].browse(data["world"]["salesperson"])
        order = env(user=salesperson)["sale.order"].create(
            {
                "partner_id": data["world"]["customer"],
                "warehouse_id": data["warehouse"].id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 2})
                    for product in data["products"]
                ],
            }
        )
        order.action_confirm()
        data["order"] = order

    run_plain = _order
    run_suite = _order

    def _check(self, env, data):
        if data["order"].state != "sale":
            raise AssertionError(f"order {data['order'].name} is {data['order'].state}")

    check_plain = _check
    check_suite = _check


class B2bConfirm(B2bFlow):
    name = "b2b_confirm"
    title = "Enter and confirm a B2B order (stock check over 10 warehouses)"


class B2bWarehouses(B2bFlow):
    name = "b2b_warehouses"
    title = "Enter and confirm a 200-line B2B order over 1 to 50 warehouses"
    size_label = "warehouses"
    per_document = False
    lines = 200

    def sizes_to_lines(self, size):
        return self.lines, size


class WarrantyQuote(Flow):
    name = "warranty_quote"
    title = "Quote and confirm parts for equipment under warranty"
    world = "warranty"

    def setup_plain(self, env):
        return self._world(env)

    def setup_suite(self, env):
        world = self._world(env)
        payer = env["res.partner"].create({"name": "Bench Payer", "is_company": True})
        world.update(
            {
                "payer": payer.id,
                "pricelist": new_agreement(env, "Bench agreement").id,
                "warranty_type": env["warranty.type"]
                .create({"code": "BENCH", "name": "Bench warranty", "warranty_months": 120})
                .id,
            }
        )
        return world

    def _world(self, env):
        return {
            "salesperson": new_user(env, "bench_sales", ["sales_team.group_sale_salesman"]).id,
            "customer": env["res.partner"].create({"name": "Bench Dairy", "is_company": True}).id,
        }

    def _prepare(self, env, side_name, size):
        world = self.fixtures_by_side[side_name]
        equipments = env["maintenance.equipment"].create(
            [
                {"name": f"Bench robot {index}", "customer_id": world["customer"]}
                if side_name == "suite"
                else {"name": f"Bench robot {index}"}
                for index in range(size)
            ]
        )
        return {
            "world": world,
            "products": new_products(env, size, "Bench part"),
            "equipments": equipments,
        }

    def prepare_plain(self, env, size):
        return self._prepare(env, "plain", size)

    def prepare_suite(self, env, size):
        data = self._prepare(env, "suite", size)
        world = data["world"]
        env["maintenance.equipment.warranty"].create(
            [
                {
                    "equipment_id": equipment.id,
                    "type_id": world["warranty_type"],
                    "date_start": date(2020, 1, 1),
                    "payer_id": world["payer"],
                    "pricelist_id": world["pricelist"],
                }
                for equipment in data["equipments"]
            ]
        )
        return data

    def _create_and_confirm(self, env, data, line_vals, before_confirm=None):
        salesperson = env["res.users"].browse(data["world"]["salesperson"])
        order = env(user=salesperson)["sale.order"].create(
            {
                "partner_id": data["world"]["customer"],
                "order_line": [
                    Command.create(line_vals(product, equipment))
                    for product, equipment in zip(data["products"], data["equipments"])
                ],
            }
        )
        if before_confirm:
            before_confirm(order)
        order.action_confirm()
        data["order"] = order

    def run_plain(self, env, data):
        """As in the form: the parts are entered (Odoo prices them from the
        pricelist), the sales person types the warranty price 0 on each line
        and saves, then confirms."""

        def type_warranty_price(order):
            order.write(
                {
                    "order_line": [
                        Command.update(line.id, {"price_unit": 0.0}) for line in order.order_line
                    ]
                }
            )

        self._create_and_confirm(
            env,
            data,
            lambda product, equipment: {
                "product_id": product.id,
                "product_uom_qty": 1,
                "name": f"{product.display_name} for {equipment.name} (warranty)",
            },
            before_confirm=type_warranty_price,
        )

    def run_suite(self, env, data):
        self._create_and_confirm(
            env,
            data,
            lambda product, equipment: {
                "product_id": product.id,
                "product_uom_qty": 1,
                "warranty_equipment_id": equipment.id,
            },
        )

    def _check(self, env, data):
        order = data["order"]
        if order.state != "sale" or order.amount_untaxed != 0.0:
            raise AssertionError(f"order {order.name}: {order.state}, {order.amount_untaxed}")

    check_plain = _check
    check_suite = _check
