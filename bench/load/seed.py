# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The people and stock of the load test, in a database of its own.

Suite side (spare_parts_personal_wh, warranty_sales, sales_inventory_b2b
installed): Advanced mode, engineers with a van holding plain parts and
serial-tracked control boards, a spare parts warehouse, open work orders,
spare parts administrators, sales persons selling B2B parts (consolidated
ordering over three warehouses, block rule, frozen inventory) and parts for
customer equipment under warranty.

Plain side (the same template, none of the suite's addons): the same people
with plain Odoo rights, the vans as internal locations, the same stock.

Everything is created in one committed transaction; what the load clients
need (logins, ids) is returned as a dict that the caller writes as JSON.
All users share one password, hashed once: hashing it per user would cost
about a third of a second each.
"""

from datetime import date

from odoo.fields import Command

PASSWORD = "load-test"  # noqa: S105 - throwaway database
PARTS = 20
SERIALS_PER_ENGINEER = 10
B2B_PRODUCTS = 50
CUSTOMERS = 20
EQUIPMENTS_PER_CUSTOMER = 3
SEED_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "no_reset_password": True,
}


def _users(env, prefix, count, groups):
    users = env["res.users"].create(
        [
            {
                "name": f"{prefix.title()} {index:02d}",
                "login": f"{prefix}{index:02d}",
                "group_ids": [Command.set([env.ref(xmlid).id for xmlid in groups])],
            }
            for index in range(1, count + 1)
        ]
    )
    env.flush_all()
    password = env["res.users"]._crypt_context().hash(PASSWORD)
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id IN %s", (password, tuple(users.ids))
    )
    return users


def _products(env, prefix, count, **vals):
    return env["product.product"].create(
        [
            {"name": f"{prefix} {index:03d}", "is_storable": True, "list_price": 20.0, **vals}
            for index in range(1, count + 1)
        ]
    )


def _stock(env, products, location, qty):
    Quant = env["stock.quant"]
    for product in products:
        Quant._update_available_quantity(product, location, qty)


def seed(env, engineers=50, admins=2, salespeople=20, plain=False):
    env = env(context=dict(env.context, **SEED_CONTEXT))
    company = env.company
    eng_groups, admin_groups, sales_groups = (
        (
            ["stock.group_stock_user", "helpdesk_mgmt.group_helpdesk_user_own"],
            ["stock.group_stock_manager", "helpdesk_mgmt.group_helpdesk_user"],
            ["sales_team.group_sale_salesman"],
        )
        if plain
        else (
            ["spare_parts_base.group_spare_parts_engineer"],
            ["spare_parts_base.group_spare_parts_admin"],
            ["sales_inventory_b2b.group_b2b_salesperson"],
        )
    )
    engineer_users = _users(env, "eng", engineers, eng_groups)
    admin_users = _users(env, "adm", admins, admin_groups)
    sales_users = _users(env, "sales", salespeople, sales_groups)

    Warehouse = env["stock.warehouse"]
    if plain:
        spw = Warehouse.create({"name": "Spare Parts Central", "code": "SPW"})
        parent = env["stock.location"].create({"name": "Vans", "usage": "view"})
        vans = env["stock.location"].create(
            [
                {"name": f"Van {user.login}", "usage": "internal", "location_id": parent.id}
                for user in engineer_users
            ]
        )
    else:
        company._spare_parts_setup_locations()
        spw = Warehouse.create(
            {"name": "Spare Parts Central", "code": "SPW", "is_spare_parts_warehouse": True}
        )
        company.write({"spare_parts_warehouse_id": spw.id, "spare_parts_warehouse_tracking": True})
        vans = engineer_users.action_create_personal_warehouse()

    parts = _products(env, "Filter", PARTS)
    board = _products(env, "Control board", 1, tracking="serial")
    _stock(env, parts, spw.lot_stock_id, 100000)
    lots = env["stock.lot"].create(
        [
            {"name": f"CB-{user.login}-{index:02d}", "product_id": board.id}
            for user in engineer_users
            for index in range(SERIALS_PER_ENGINEER)
        ]
    )
    Quant = env["stock.quant"]
    per_engineer = {}
    for index, (user, van) in enumerate(zip(engineer_users, vans)):
        _stock(env, parts, van, 500)
        user_lots = lots[index * SERIALS_PER_ENGINEER : (index + 1) * SERIALS_PER_ENGINEER]
        for lot in user_lots:
            Quant._update_available_quantity(board, van, 1, lot_id=lot)
        per_engineer[user.login] = {"uid": user.id, "van": van.id, "lots": user_lots.ids}

    customers = env["res.partner"].create(
        [{"name": f"Customer {index:02d}", "is_company": True} for index in range(CUSTOMERS)]
    )
    team = env["helpdesk.ticket.team"].create(
        {"name": "Field service", "user_ids": [Command.set((engineer_users | admin_users).ids)]}
    )
    env["helpdesk.ticket"].create(
        [
            {
                "name": f"Visit {index}",
                "description": "Service",
                "team_id": team.id,
                "user_id": user.id,
                "partner_id": customers[index % CUSTOMERS].id,
            }
            for user in engineer_users
            for index in range(5)
        ]
    )
    equipments = _equipments(env, customers, plain)

    b2b_warehouses = Warehouse.create(
        [{"name": f"B2B warehouse {index}", "code": f"BB{index}"} for index in range(1, 4)]
    )
    b2b_products = _products(env, "Switch", B2B_PRODUCTS)
    for warehouse in b2b_warehouses:
        _stock(env, b2b_products | parts, warehouse.lot_stock_id, 100000)
    if not plain:
        company.write(
            {
                "b2b_inventory_mode": "standalone",
                "b2b_ordering_mode": "consolidated",
                "b2b_validation_rule": "block",
                "b2b_reserve_inventory": True,
                "b2b_consolidated_warehouse_ids": [Command.set(b2b_warehouses.ids)],
            }
        )
    return {
        "plain": plain,
        "password": PASSWORD,
        "engineers": per_engineer,
        "admins": admin_users.mapped("login"),
        "salespeople": sales_users.mapped("login"),
        "parts": parts.ids,
        "board": board.id,
        "spw": spw.id,
        "spw_stock": spw.lot_stock_id.id,
        "spw_int_type": spw.int_type_id.id,
        "spw_out_type": spw.out_type_id.id,
        "customers_location": env.ref("stock.stock_location_customers").id,
        "team": team.id,
        "customers": {str(c.id): equipments.get(c.id, []) for c in customers},
        "b2b_products": b2b_products.ids,
        "b2b_warehouse": b2b_warehouses[0].id,
    }


def _equipments(env, customers, plain):
    """{customer id: [equipment ids]}, under warranty on the suite side."""
    if plain:
        return {}
    equipments = env["maintenance.equipment"].create(
        [
            {"name": f"Robot {customer.name} {index}", "customer_id": customer.id}
            for customer in customers
            for index in range(EQUIPMENTS_PER_CUSTOMER)
        ]
    )
    payer = env["res.partner"].create({"name": "Warranty payer", "is_company": True})
    pricelist = env["product.pricelist"].create(
        dict(
            {"name": "Warranty agreement"},
            **(
                {"is_warranty_agreement": True}
                if "is_warranty_agreement" in env["product.pricelist"]._fields
                else {}
            ),
        )
    )
    wtype = env["warranty.type"].create(
        {"code": "LOAD", "name": "Load warranty", "warranty_months": 120}
    )
    env["maintenance.equipment.warranty"].create(
        [
            {
                "equipment_id": equipment.id,
                "type_id": wtype.id,
                "date_start": date(2020, 1, 1),
                "payer_id": payer.id,
                "pricelist_id": pricelist.id,
            }
            for equipment in equipments
        ]
    )
    result = {}
    for equipment in equipments:
        result.setdefault(equipment.customer_id.id, []).append(equipment.id)
    return result
