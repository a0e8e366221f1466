# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales flows, suite against plain Odoo's sales order.

- b2b_confirm: a sales person enters and confirms an order of parts stocked
  in each of 10 warehouses; the suite checks them over the 10 warehouses on
  confirmation (consolidated ordering, block rule), plain Odoo confirms the
  same order. On both sides the order's own warehouse ships every line (one
  delivery, every line reserved). 10 to 1,000 lines.
- b2b_warehouses: the same with 200 lines over 1, 10 and 50 warehouses.
- b2b_split: the parts are only in the 9 other warehouses, two each. The
  suite's check counts them and splits the delivery over the warehouses that
  ship them (SI-19): one order, 9 deliveries. Plain Odoo delivers an order
  from its own warehouse only, so the sales person enters one order per
  warehouse with the parts it holds: 9 orders, the same 9 deliveries.
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
        """``lines`` parts stocked as ``_stock_locations`` says, in one
        batch of quants."""
        world = self.fixtures_by_side[side_name]
        warehouses = env["stock.warehouse"].browse(world["warehouses"][:warehouse_count])
        products = new_products(env, lines, "Bench switch")
        env["stock.quant"].create(
            [
                {"product_id": product.id, "location_id": location.id, "quantity": 500}
                for index, product in enumerate(products)
                for location in self._stock_locations(side_name, warehouses, index)
            ]
        )
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
        return {
            "world": world,
            "products": products,
            "warehouse": warehouses[0],
            "warehouses": warehouses,
        }

    def sizes_to_lines(self, size):
        return size, self.warehouse_count

    def prepare_plain(self, env, size):
        return self._prepare(env, "plain", *self.sizes_to_lines(size))

    def prepare_suite(self, env, size):
        return self._prepare(env, "suite", *self.sizes_to_lines(size))

    def _enter_order(self, env, data, warehouse, products):
        """The sales person enters and confirms an order of ``products``
        (2 each) delivered from ``warehouse``."""
        salesperson = env["res.users"].browse(data["world"]["salesperson"])
        order = env(user=salesperson)["sale.order"].create(
            {
                "partner_id": data["world"]["customer"],
                "warehouse_id": warehouse.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 2})
                    for product in products
                ],
            }
        )
        order.action_confirm()
        return order

    def _order(self, env, data):
        data["orders"] = self._enter_order(env, data, data["warehouse"], data["products"])

    run_plain = _order
    run_suite = _order

    def _shipping_warehouse(self, warehouses, index):
        """The warehouse that ships the part of line ``index``."""
        return warehouses[0]

    def _check(self, env, data):
        """Every order confirmed, every part reserved in full in the
        warehouse expected to ship it."""
        for order in data["orders"]:
            if order.state != "sale":
                raise AssertionError(f"order {order.name} is {order.state}")
        shipped = {
            (move.product_id.id, move.location_id.warehouse_id.id)
            for move in data["orders"].picking_ids.move_ids
            if move.state == "assigned"
        }
        expected = {
            (product.id, self._shipping_warehouse(data["warehouses"], index).id)
            for index, product in enumerate(data["products"])
        }
        if shipped != expected:
            raise AssertionError(f"{len(expected - shipped)} parts not reserved where expected")

    check_plain = _check
    check_suite = _check


class B2bConfirm(B2bFlow):
    name = "b2b_confirm"
    title = "Enter and confirm a B2B order (stock check over 10 warehouses)"

    def _stock_locations(self, side_name, warehouses, index):
        """Every part is stocked in every warehouse, on both sides: the
        suite's check counts all of them, and the order's own warehouse,
        which holds enough, ships everything, as in plain Odoo."""
        return warehouses.lot_stock_id


class B2bSplit(B2bFlow):
    name = "b2b_split"
    title = "Order parts held in other warehouses: delivery split over 9 warehouses"

    def _others(self, warehouses):
        return warehouses[1:] or warehouses

    def _stock_locations(self, side_name, warehouses, index):
        """Each part is in two warehouses other than the order's, none in
        the order's own, on both sides."""
        others = self._others(warehouses)
        return (
            others[index % len(others)].lot_stock_id
            | others[(index + 1) % len(others)].lot_stock_id
        )

    def _shipping_warehouse(self, warehouses, index):
        """Of the two warehouses holding the part, the first in the
        warehouses' order ships it (the default assignment)."""
        others = self._others(warehouses)
        return others[min(index % len(others), (index + 1) % len(others))]

    def run_plain(self, env, data):
        """One order per warehouse, with the parts that warehouse ships."""
        by_warehouse = {}
        for index, product in enumerate(data["products"]):
            warehouse = self._shipping_warehouse(data["warehouses"], index)
            by_warehouse[warehouse] = by_warehouse.get(warehouse, product.browse()) | product
        data["orders"] = env["sale.order"].concat(
            *(
                self._enter_order(env, data, warehouse, products)
                for warehouse, products in by_warehouse.items()
            )
        )


class B2bWarehouses(B2bConfirm):
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
