# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Spare parts flows, suite against the transfers a plain Odoo user makes.

Each line is a part of its own (a new product), so that anything the suite
does once per part shows in the query counts.

- consume: a work order consuming parts from the engineer's van, against a
  plain ticket plus a delivery from the van location to the customer;
- request: request, approve, ship and acknowledge (Advanced mode), against
  two internal transfers (warehouse to transit, transit to van);
- return: return unused parts and receive them, against the two transfers
  back (van to transit, transit to warehouse);
- simple_consume (Simple mode, no stock): the work order's parts recorded as
  consumed, against a plain ticket with a log note naming the parts;
- holdings: the "Engineers' Holdings" list and pivot of 10 to 1,000 engineers
  with 100 parts each, against plain Odoo's stock list and pivot of the same
  quants grouped by van location;
- usage_report: the parts usage pivot (engineer by month) over 10k to 1M
  consumed lines, against plain Odoo's moves analysis (van by month) over as
  many done moves to customers.
"""

from benchlib import Flow

from odoo.fields import Command
from odoo.tools import SQL

PARTS_PER_ENGINEER = 100


def new_user(env, login, groups):
    return (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": login.replace("_", " ").title(),
                "login": login,
                "group_ids": [Command.set([env.ref(xmlid).id for xmlid in groups])],
            }
        )
    )


def new_parts(env, count, prefix="Bench part"):
    """``count`` storable parts, one product each."""
    return env["product.product"].create(
        [
            {"name": f"{prefix} {index}", "is_storable": True, "default_code": f"BP{index:05d}"}
            for index in range(count)
        ]
    )


def put_stock(env, parts, location, qty):
    Quant = env["stock.quant"]
    for part in parts:
        Quant._update_available_quantity(part, location, qty)


def qty_at(env, parts, location):
    """{product id: quantity} of ``parts`` at ``location``, one query."""
    groups = env["stock.quant"]._read_group(
        [("product_id", "in", parts.ids), ("location_id", "=", location.id)],
        ["product_id"],
        ["quantity:sum"],
    )
    return {product.id: qty for product, qty in groups}


def assert_qty(env, parts, location, expected):
    found = qty_at(env, parts, location)
    wrong = [p.display_name for p in parts if found.get(p.id, 0.0) != expected]
    if wrong:
        raise AssertionError(f"{location.display_name}: {len(wrong)} parts not at {expected}")


# ---------------------------------------------------------------- the two worlds
def suite_world(env):
    """Advanced mode: an engineer with his van, an administrator, a spare
    parts warehouse, a customer and a helpdesk team."""
    company = env.company
    company._spare_parts_setup_locations()
    engineer = new_user(env, "bench_engineer", ["spare_parts_base.group_spare_parts_engineer"])
    admin = new_user(env, "bench_admin", ["spare_parts_base.group_spare_parts_admin"])
    van = engineer.action_create_personal_warehouse()
    spw = env["stock.warehouse"].create(
        {"name": "Spare Parts Central", "code": "SPW", "is_spare_parts_warehouse": True}
    )
    company.write({"spare_parts_warehouse_id": spw.id, "spare_parts_warehouse_tracking": True})
    return _common_world(env, engineer, admin, van, spw, company.spare_parts_transit_location_id)


def plain_world(env):
    """The same people and places in plain Odoo: the engineer is an inventory
    user, his van an internal location under a parent of its own, the
    transit an internal location of the warehouse."""
    engineer = new_user(
        env, "bench_engineer", ["stock.group_stock_user", "helpdesk_mgmt.group_helpdesk_user_own"]
    )
    admin = new_user(
        env, "bench_admin", ["stock.group_stock_manager", "helpdesk_mgmt.group_helpdesk_user"]
    )
    spw = env["stock.warehouse"].create({"name": "Spare Parts Central", "code": "SPW"})
    Location = env["stock.location"]
    vans = Location.create({"name": "Vans", "usage": "view"})
    van = Location.create(
        {"name": "Van Bench Engineer", "usage": "internal", "location_id": vans.id}
    )
    transit = Location.create(
        {"name": "Parts in transit", "usage": "transit", "location_id": spw.view_location_id.id}
    )
    world = _common_world(env, engineer, admin, van, spw, transit)
    world["vans"] = vans.id
    return world


def _common_world(env, engineer, admin, van, spw, transit):
    customer = env["res.partner"].create({"name": "Bench Dairy", "is_company": True})
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench service", "user_ids": [Command.set((engineer | admin).ids)]}
    )
    return {
        "engineer": engineer.id,
        "admin": admin.id,
        "van": van.id,
        "spw": spw.id,
        "transit": transit.id,
        "customer": customer.id,
        "team": team.id,
    }


def ticket_vals(world, name):
    """A work order of the world's customer for its engineer."""
    return {
        "name": name,
        "description": "Bench visit",
        "team_id": world["team"],
        "user_id": world["engineer"],
        "partner_id": world["customer"],
    }


class SparePartsFlow(Flow):
    """Flows of the ``standard`` bench profile, sharing one world per side."""

    world = "spare_parts"

    def setup_plain(self, env):
        return plain_world(env)

    def setup_suite(self, env):
        return suite_world(env)

    def places(self, env, data):
        """(engineer, administrator, van, spare parts warehouse, transit)."""
        world = data["world"]
        Location = env["stock.location"]
        return (
            env["res.users"].browse(world["engineer"]),
            env["res.users"].browse(world["admin"]),
            Location.browse(world["van"]),
            env["stock.warehouse"].browse(world["spw"]),
            Location.browse(world["transit"]),
        )


def plain_transfer(env, picking_type, source, destination, parts, partner=None):
    """What a user does by hand: a transfer of one unit of each part,
    confirmed, reserved and validated."""
    picking = env["stock.picking"].create(
        {
            "picking_type_id": picking_type.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "partner_id": partner.id if partner else False,
            "move_ids": [
                Command.create(
                    {
                        "product_id": part.id,
                        "product_uom_qty": 1,
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                    }
                )
                for part in parts
            ],
        }
    )
    picking.action_confirm()
    picking.action_assign()
    picking.button_validate()
    if picking.state != "done":
        raise AssertionError(f"plain transfer {picking.name} is {picking.state}")
    return picking


class Consume(SparePartsFlow):
    name = "consume"
    title = "Consume parts on a work order (from the van)"

    def _prepare(self, env, side_name, size):
        world = self.fixtures_by_side[side_name]
        parts = new_parts(env, size)
        put_stock(env, parts, env["stock.location"].browse(world["van"]), 5)
        return {"world": world, "parts": parts}

    def prepare_plain(self, env, size):
        return self._prepare(env, "plain", size)

    def prepare_suite(self, env, size):
        return self._prepare(env, "suite", size)

    def run_plain(self, env, data):
        engineer, __, van, spw, __ = self.places(env, data)
        env = env(user=engineer)
        ticket = env["helpdesk.ticket"].create(ticket_vals(data["world"], "Bench visit"))
        plain_transfer(
            env,
            spw.out_type_id,
            van,
            env.ref("stock.stock_location_customers"),
            data["parts"].with_env(env),
            partner=ticket.partner_id,
        )

    def run_suite(self, env, data):
        engineer = env["res.users"].browse(data["world"]["engineer"])
        env = env(user=engineer)
        vals = ticket_vals(data["world"], "Bench visit")
        vals["part_line_ids"] = [
            Command.create({"product_id": part.id, "quantity": 1}) for part in data["parts"]
        ]
        env["helpdesk.ticket"].create(vals).action_consume_parts()

    def check_plain(self, env, data):
        assert_qty(env, data["parts"], self.places(env, data)[2], 4)

    def check_suite(self, env, data):
        assert_qty(env, data["parts"], self.places(env, data)[2], 4)


class Request(SparePartsFlow):
    name = "request"
    title = "Request, approve, ship, acknowledge (Advanced mode)"

    def _prepare(self, env, side_name, size):
        world = self.fixtures_by_side[side_name]
        parts = new_parts(env, size)
        spw = env["stock.warehouse"].browse(world["spw"])
        put_stock(env, parts, spw.lot_stock_id, 10)
        return {"world": world, "parts": parts}

    def prepare_plain(self, env, size):
        return self._prepare(env, "plain", size)

    def prepare_suite(self, env, size):
        return self._prepare(env, "suite", size)

    def run_plain(self, env, data):
        engineer, admin, van, spw, transit = self.places(env, data)
        plain_transfer(env(user=admin), spw.int_type_id, spw.lot_stock_id, transit, data["parts"])
        plain_transfer(env(user=engineer), spw.int_type_id, transit, van, data["parts"])

    def run_suite(self, env, data):
        engineer, admin, *__ = self.places(env, data)
        request = (
            env["spare.parts.request"]
            .with_user(engineer)
            .create(
                {
                    "engineer_id": engineer.id,
                    "line_ids": [
                        Command.create({"product_id": part.id, "quantity": 1})
                        for part in data["parts"]
                    ],
                }
            )
        )
        request.action_submit()
        request.with_user(admin).action_approve()
        request.with_user(admin).action_ship()
        request.with_user(engineer).action_receive()
        if request.state != "done":
            raise AssertionError(f"request {request.name} is {request.state}")

    def check_plain(self, env, data):
        assert_qty(env, data["parts"], self.places(env, data)[2], 1)

    def check_suite(self, env, data):
        assert_qty(env, data["parts"], self.places(env, data)[2], 1)


class Return(SparePartsFlow):
    name = "return"
    title = "Return unused parts and receive them (Advanced mode)"

    def _prepare(self, env, side_name, size):
        world = self.fixtures_by_side[side_name]
        parts = new_parts(env, size)
        put_stock(env, parts, env["stock.location"].browse(world["van"]), 2)
        return {"world": world, "parts": parts}

    def prepare_plain(self, env, size):
        return self._prepare(env, "plain", size)

    def prepare_suite(self, env, size):
        return self._prepare(env, "suite", size)

    def run_plain(self, env, data):
        engineer, admin, van, spw, transit = self.places(env, data)
        plain_transfer(env(user=engineer), spw.int_type_id, van, transit, data["parts"])
        plain_transfer(env(user=admin), spw.int_type_id, transit, spw.lot_stock_id, data["parts"])

    def run_suite(self, env, data):
        engineer, admin, *__ = self.places(env, data)
        document = (
            env["spare.parts.return"]
            .with_user(engineer)
            .create(
                {
                    "engineer_id": engineer.id,
                    "return_type": "unused",
                    "line_ids": [
                        Command.create({"product_id": part.id, "quantity": 1})
                        for part in data["parts"]
                    ],
                }
            )
        )
        document.action_send()
        if document.state == "sent":
            document.with_user(admin).action_receive()
        if document.state != "done":
            raise AssertionError(f"return {document.name} is {document.state}")

    def check_plain(self, env, data):
        assert_qty(env, data["parts"], self.places(env, data)[3].lot_stock_id, 1)

    def check_suite(self, env, data):
        assert_qty(env, data["parts"], self.places(env, data)[3].lot_stock_id, 1)


# ---------------------------------------------------------------- reports
HOLDINGS_LIST = ("location_id", "product_id", "lot_id", "owner_id", "quantity", "in_date")
SUITE_HOLDINGS_LIST = HOLDINGS_LIST + (
    "spare_parts_owner_id",
    "spare_parts_ticket_id",
    "spare_parts_earmarked_qty",
    "reserved_quantity",
    "product_uom_id",
)
MANY2ONE = {"fields": {"display_name": {}}}


def list_spec(env, model, names):
    fields = env[model]._fields
    return {name: MANY2ONE if fields[name].type == "many2one" else {} for name in names}


def open_list_and_pivot(model, domain, list_fields, pivot_groupby, measure):
    """What the web client asks for: the first page of the list view, then
    the pivot (one call with its four grouping sets)."""
    model.web_search_read(
        domain, list_spec(model.env, model._name, list_fields), limit=80, count_limit=10001
    )
    row, col = pivot_groupby
    return model.formatted_read_grouping_sets(domain, [[row, col], [row], [col], []], [measure])


class Holdings(SparePartsFlow):
    """Untimed data grows with the size and is committed (a report reads it,
    changes nothing): engineers (users with a van on the suite side, van
    locations on the plain side) and their quants, inserted in SQL."""

    name = "holdings"
    title = "Engineers' holdings list and pivot (100 parts each)"
    size_label = "engineers"
    comparable = True
    per_document = False

    def _grow(self, env, world, size, make_vans, fill_owner=False):
        vans = world.setdefault("holding_vans", [])
        if len(vans) < size:
            vans += make_vans(env, len(vans), size)
            if "holding_parts" not in world:
                world["holding_parts"] = new_parts(env, PARTS_PER_ENGINEER, "Holding part").ids
            env.flush_all()
            env.cr.execute(
                SQL(
                    """
                INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                                         reserved_quantity, in_date)
                SELECT p, v, %(company)s, 3, 0, now()
                  FROM unnest(%(parts)s) p CROSS JOIN unnest(%(vans)s) v
                """,
                    company=env.company.id,
                    parts=world["holding_parts"],
                    vans=vans[world.get("holding_filled", 0) :],
                )
            )
            world["holding_filled"] = len(vans)
            if fill_owner:
                self._fill_owner(env)
            env.cr.commit()
            env.cr.execute("ANALYZE stock_quant")
        return vans[:size]

    def prepare_plain(self, env, size):
        world = self.fixtures_by_side["plain"]

        def make_vans(env, start, stop):
            return (
                env["stock.location"]
                .create(
                    [
                        {"name": f"Van {index}", "usage": "internal", "location_id": world["vans"]}
                        for index in range(start, stop)
                    ]
                )
                .ids
            )

        self._grow(env, world, size, make_vans)
        return {"world": world}

    def prepare_suite(self, env, size):
        world = self.fixtures_by_side["suite"]

        def make_vans(env, start, stop):
            engineers = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    [
                        {
                            "name": f"Engineer {index}",
                            "login": f"bench_holder_{index}",
                            "group_ids": [
                                Command.set(
                                    [env.ref("spare_parts_base.group_spare_parts_engineer").id]
                                )
                            ],
                        }
                        for index in range(start, stop)
                    ]
                )
            )
            return engineers.action_create_personal_warehouse().ids

        self._grow(env, world, size, make_vans, fill_owner=True)
        return {"world": world}

    def _fill_owner(self, env):
        """Quants inserted in SQL: store their engineer as the ORM would
        (a stored related field of the suite)."""
        env.cr.execute(
            """
            UPDATE stock_quant q SET spare_parts_owner_id = l.spare_parts_owner_id
              FROM stock_location l
             WHERE l.id = q.location_id AND q.spare_parts_owner_id IS NULL
                   AND l.spare_parts_owner_id IS NOT NULL
            """
        )

    def run_plain(self, env, data):
        admin = env["res.users"].browse(data["world"]["admin"])
        Quant = env(user=admin)["stock.quant"]
        data["groups"] = open_list_and_pivot(
            Quant,
            [("location_id", "child_of", data["world"]["vans"])],
            HOLDINGS_LIST,
            ("location_id", "product_id"),
            "quantity:sum",
        )

    def run_suite(self, env, data):
        admin = env["res.users"].browse(data["world"]["admin"])
        Quant = env(user=admin)["stock.quant"]
        data["groups"] = open_list_and_pivot(
            Quant,
            [("spare_parts_owner_id", "!=", False)],
            SUITE_HOLDINGS_LIST,
            ("spare_parts_owner_id", "product_id"),
            "quantity:sum",
        )

    def check_plain(self, env, data):
        return

    def check_suite(self, env, data):
        return


class SimpleWorldFlow(Flow):
    """Flows of the ``simple`` bench profile (spare_parts_base only)."""

    world = "simple"

    def setup_plain(self, env):
        engineer = new_user(env, "bench_engineer", ["helpdesk_mgmt.group_helpdesk_user_own"])
        admin = new_user(env, "bench_admin", ["stock.group_stock_manager"])
        return self._world(env, engineer, admin)

    def setup_suite(self, env):
        engineer = new_user(env, "bench_engineer", ["spare_parts_base.group_spare_parts_engineer"])
        admin = new_user(env, "bench_admin", ["spare_parts_base.group_spare_parts_admin"])
        return self._world(env, engineer, admin)

    def _world(self, env, engineer, admin):
        customer = env["res.partner"].create({"name": "Bench Dairy", "is_company": True})
        team = env["helpdesk.ticket.team"].create(
            {"name": "Bench service", "user_ids": [Command.set((engineer | admin).ids)]}
        )
        return {
            "engineer": engineer.id,
            "admin": admin.id,
            "customer": customer.id,
            "team": team.id,
        }


class SimpleConsume(SimpleWorldFlow):
    """Not comparable: plain Odoo has no parts on a ticket, the nearest a user
    can do is a log note naming them. The ratio is shown, not asserted; the
    extra queries must not grow with the lines."""

    name = "simple_consume"
    title = "Record parts consumed on a work order (Simple mode)"
    comparable = False

    def prepare_plain(self, env, size):
        return {"world": self.fixtures_by_side["plain"], "parts": new_parts(env, size)}

    def prepare_suite(self, env, size):
        return {"world": self.fixtures_by_side["suite"], "parts": new_parts(env, size)}

    def run_plain(self, env, data):
        engineer = env["res.users"].browse(data["world"]["engineer"])
        env = env(user=engineer)
        ticket = env["helpdesk.ticket"].create(ticket_vals(data["world"], "Bench visit"))
        parts = data["parts"].with_env(env)
        ticket.message_post(
            body="Parts used: " + ", ".join(f"1 {name}" for name in parts.mapped("display_name")),
            subtype_xmlid="mail.mt_note",
        )

    def run_suite(self, env, data):
        engineer = env["res.users"].browse(data["world"]["engineer"])
        env = env(user=engineer)
        vals = ticket_vals(data["world"], "Bench visit")
        vals["part_line_ids"] = [
            Command.create({"product_id": part.id, "quantity": 1}) for part in data["parts"]
        ]
        env["helpdesk.ticket"].create(vals).action_consume_parts()

    def check_plain(self, env, data):
        return

    def check_suite(self, env, data):
        lines = env["spare.parts.line"].search([("product_id", "in", data["parts"].ids)])
        if set(lines.mapped("state")) != {"consumed"} or len(lines) != len(data["parts"]):
            raise AssertionError("simple consumption: lines not consumed")


class UsageReport(SimpleWorldFlow):
    """The parts usage pivot (engineer by month, quantity) over consumed work
    order lines, against plain Odoo's moves analysis pivot (van location by
    month, quantity) over as many done moves to customers. Rows are inserted
    in SQL and committed, spread over 20 engineers (vans), 500 parts, 200
    customers and a year."""

    name = "usage_report"
    title = "Parts usage pivot (engineer x month)"
    size_label = "usage lines"
    per_document = False
    engineers = 20

    def _grow(self, env, world, size, owners, insert):
        """Add lines up to ``size``; ``owners(env)`` makes who they are
        grouped by (engineers or vans), ``insert`` inserts them."""
        filled = world.get("usage_filled", 0)
        if filled < size:
            if "usage_parts" not in world:
                world["usage_parts"] = new_parts(env, 500, "Usage part").ids
                world["usage_customers"] = (
                    env["res.partner"]
                    .create([{"name": f"Usage customer {i}"} for i in range(200)])
                    .ids
                )
                world["usage_owners"] = owners(env)
            env.flush_all()
            insert(env, world, filled, size)
            world["usage_filled"] = size
            env.cr.commit()
        return world

    def prepare_plain(self, env, size):
        world = self.fixtures_by_side["plain"]

        def owners(env):
            vans = env["stock.location"].create({"name": "Usage vans", "usage": "view"})
            return (
                env["stock.location"]
                .create(
                    [
                        {"name": f"Usage van {i}", "usage": "internal", "location_id": vans.id}
                        for i in range(self.engineers)
                    ]
                )
                .ids
            )

        self._grow(env, world, size, owners, self._insert_moves)
        return {"world": world}

    def prepare_suite(self, env, size):
        world = self.fixtures_by_side["suite"]

        def owners(env):
            group = env.ref("spare_parts_base.group_spare_parts_engineer")
            return (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    [
                        {
                            "name": f"Usage engineer {i}",
                            "login": f"bench_usage_{i}",
                            "group_ids": [Command.set(group.ids)],
                        }
                        for i in range(self.engineers)
                    ]
                )
                .ids
            )

        self._grow(env, world, size, owners, self._insert_lines)
        return {"world": world}

    def _insert_lines(self, env, world, start, stop):
        ticket = env["helpdesk.ticket"].create(ticket_vals(world, "Usage history"))
        env.flush_all()
        env.cr.execute(
            SQL(
                """
            INSERT INTO spare_parts_line
                (ticket_id, company_id, engineer_id, partner_id, product_id, quantity,
                 part_condition, state, date_done, sequence)
            SELECT %(ticket)s, %(company)s,
                   (%(owners)s::int[])[1 + g %% cardinality(%(owners)s::int[])],
                   (%(customers)s::int[])[1 + g %% cardinality(%(customers)s::int[])],
                   (%(parts)s::int[])[1 + g %% cardinality(%(parts)s::int[])],
                   1 + g %% 4, 'new', 'consumed',
                   now() - (g %% 365) * interval '1 day', 10
              FROM generate_series(%(start)s, %(stop)s - 1) g
            """,
                ticket=ticket.id,
                company=env.company.id,
                owners=world["usage_owners"],
                customers=world["usage_customers"],
                parts=world["usage_parts"],
                start=start,
                stop=stop,
            )
        )
        env.cr.execute("ANALYZE spare_parts_line")

    def _insert_moves(self, env, world, start, stop):
        customers = env.ref("stock.stock_location_customers")
        env.cr.execute(
            SQL(
                """
            INSERT INTO stock_move
                (company_id, product_id, product_uom, location_id, location_dest_id,
                 location_final_id, partner_id, procure_method, product_uom_qty, product_qty,
                 quantity, state, date, picked, reference)
            SELECT %(company)s, pp.id, pt.uom_id,
                   (%(owners)s::int[])[1 + g %% cardinality(%(owners)s::int[])],
                   %(customers_location)s, %(customers_location)s,
                   (%(customers)s::int[])[1 + g %% cardinality(%(customers)s::int[])],
                   'make_to_stock', 1 + g %% 4, 1 + g %% 4, 1 + g %% 4, 'done',
                   now() - (g %% 365) * interval '1 day', true, 'Usage ' || g
              FROM generate_series(%(start)s, %(stop)s - 1) g
              JOIN product_product pp
                ON pp.id = (%(parts)s::int[])[1 + g %% cardinality(%(parts)s::int[])]
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
            """,
                company=env.company.id,
                owners=world["usage_owners"],
                customers_location=customers.id,
                customers=world["usage_customers"],
                parts=world["usage_parts"],
                start=start,
                stop=stop,
            )
        )
        env.cr.execute("ANALYZE stock_move")

    def run_plain(self, env, data):
        admin = env["res.users"].browse(data["world"]["admin"])
        Move = env(user=admin)["stock.move"]
        data["groups"] = Move.formatted_read_grouping_sets(
            [("state", "=", "done"), ("location_dest_id.usage", "=", "customer")],
            [["location_id", "date:month"], ["location_id"], ["date:month"], []],
            ["product_uom_qty:sum"],
        )

    def run_suite(self, env, data):
        admin = env["res.users"].browse(data["world"]["admin"])
        Line = env(user=admin)["spare.parts.line"]
        data["groups"] = Line.formatted_read_grouping_sets(
            [("state", "=", "consumed")],
            [["engineer_id", "date_done:month"], ["engineer_id"], ["date_done:month"], []],
            ["quantity:sum"],
        )

    def check_plain(self, env, data):
        self._check_total(data, "product_uom_qty:sum")

    def check_suite(self, env, data):
        self._check_total(data, "quantity:sum")

    def _check_total(self, data, measure):
        total = data["groups"][-1][0][measure]
        size = data["world"]["usage_filled"]
        expected = sum(1 + g % 4 for g in range(size))
        if abs(total - expected) > 0.5:
            raise AssertionError(f"usage report total {total}, expected {expected}")
