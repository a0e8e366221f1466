# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may do what: every role of the suite against every document it adds,
and against the buttons it adds to Odoo documents, checked on real records;
then multi-company isolation.

``ACCESS`` is the expected table, one cell per document and role:

    "rcwd own: submit cancel"

``r`` read, ``c`` create, ``w`` write, ``d`` delete; ``own`` when the role
reaches only its own records (another owner's record is invisible and
untouchable); after the colon the buttons (``action_<name>``) it may press.
"-" is nothing. For Odoo documents (work orders, sales orders...) only opening
the record and the suite's buttons are checked; for wizards, opening one (c)
and its buttons. Everything else is refused with AccessError or UserError:
each button is first run as the superuser on the same record, so a refusal
always comes from the role. README.md shows the same table
(``test_readme_shows_the_table``)."""

from pathlib import Path
from typing import Any, NamedTuple

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.spare_parts_personal_wh.tests.common import PersonalWarehouseCommon

README = Path(__file__).resolve().parents[1] / "README.md"

ENGINEER, SP_ADMIN, SALES, ORDER_ADMIN, SHIPPING, USER, PORTAL = ROLE_KEYS = (
    "engineer",
    "sp_admin",
    "sales",
    "order_admin",
    "shipping",
    "user",
    "portal",
)
ROLES = {
    ENGINEER: ("Service Engineer", "spare_parts_base.group_spare_parts_engineer"),
    SP_ADMIN: ("Spare Parts Admin", "spare_parts_base.group_spare_parts_admin"),
    SALES: ("Sales Person", "sales_inventory_b2b.group_b2b_salesperson"),
    ORDER_ADMIN: ("Order Admin", "sales_inventory_b2b.group_b2b_order_admin"),
    SHIPPING: ("Shipping Staff", "sales_inventory_b2b.group_b2b_shipping"),
    USER: ("Internal User", "base.group_user"),
    PORTAL: ("Portal User", "base.group_portal"),
}


# roles a role implies (every other one implies the internal user)
IMPLIED_ROLES = {
    SP_ADMIN: {ENGINEER, USER},
    ORDER_ADMIN: {SALES, SHIPPING, USER},
    USER: set(),
    PORTAL: set(),
}


class Doc(NamedTuple):
    key: str
    label: str
    model: str
    buttons: tuple
    rights: dict


# fmt: off
ACCESS = (
    # ---------------------------------------------------------- spare_parts_base
    Doc("work_order", "Work order (suite buttons)", "helpdesk.ticket",
        ("consume_parts", "close_dropping_planned_parts", "print_parts_summary",
         "spare_parts_create_quotation", "view_spare_parts_sale_orders", "request_parts",
         "request_service_bom", "return_old_parts"), {
            ENGINEER: "r own: consume_parts close_dropping_planned_parts print_parts_summary "
                      "request_parts request_service_bom return_old_parts",
            SP_ADMIN: "r: consume_parts close_dropping_planned_parts print_parts_summary "
                      "request_parts request_service_bom return_old_parts",
        }),
    Doc("parts_line", "Work order part", "spare.parts.line",
        ("consume", "return", "submit_entry", "return_original",
         "approve_warranty_replacement", "reject_warranty_replacement",
         "increase_quantity", "decrease_quantity", "not_used", "open_correction"), {
            ENGINEER: "rcwd own: consume return submit_entry return_original "
                      "increase_quantity decrease_quantity not_used",
            SP_ADMIN: "rcwd: consume return submit_entry return_original "
                      "approve_warranty_replacement reject_warranty_replacement "
                      "increase_quantity decrease_quantity not_used open_correction",
        }),
    Doc("service_bom_line", "Service BOM line", "spare.parts.service.bom.line", (), {
        ENGINEER: "r", SP_ADMIN: "rcwd", SALES: "r", ORDER_ADMIN: "r", SHIPPING: "r", USER: "r",
    }),
    Doc("equipment_part", "Equipment asset BOM line", "spare.parts.equipment.part", (), {
        ENGINEER: "r", SP_ADMIN: "rcwd", SALES: "r", ORDER_ADMIN: "r", SHIPPING: "r", USER: "r",
    }),
    Doc("replacement", "Part replacement history", "spare.parts.replacement", (), {
        ENGINEER: "r", SP_ADMIN: "rcwd", SALES: "r", ORDER_ADMIN: "r", SHIPPING: "r", USER: "r",
    }),
    Doc("catalogue_request", "Catalogue part request", "spare.parts.catalogue.request",
        ("submit", "create_product", "reject", "open_product"), {
            ENGINEER: "rcw own: submit reject open_product",
            SP_ADMIN: "rcwd: submit create_product reject open_product",
        }),
    Doc("serial_prompt", "Serials asked at Consume (wizard)", "spare.parts.serial.prompt",
        ("confirm",), {
            ENGINEER: "c: confirm", SP_ADMIN: "c: confirm",
        }),
    Doc("line_correction", "Correct a consumed part (wizard)", "spare.parts.line.correction",
        ("apply",), {
            SP_ADMIN: "c: apply",
        }),
    Doc("part_entry", "Add part to work order (wizard)", "spare.parts.part.entry",
        ("submit", "request_catalogue_part"), {
            ENGINEER: "c: submit request_catalogue_part",
            SP_ADMIN: "c: submit request_catalogue_part",
        }),
    Doc("overview_card", "Overview card", "spare.parts.overview.card",
        ("open", "open_late"), {
            ENGINEER: "r: open open_late",
            SP_ADMIN: "r: open open_late",
        }),
    # --------------------------------------------------- spare_parts_personal_wh
    Doc("request", "Parts request", "spare.parts.request",
        ("submit", "approve", "ship", "receive", "cancel", "view_pickings"), {
            ENGINEER: "rcw own: submit receive cancel view_pickings",
            SP_ADMIN: "rcwd: submit approve ship receive cancel view_pickings",
        }),
    Doc("request_line", "Parts request line", "spare.parts.request.line", (), {
        ENGINEER: "rcwd own", SP_ADMIN: "rcwd",
    }),
    Doc("parts_return", "Parts return", "spare.parts.return",
        ("send", "receive", "cancel", "view_pickings"), {
            ENGINEER: "rcw own: send cancel view_pickings",
            SP_ADMIN: "rcwd: send receive cancel view_pickings",
        }),
    Doc("return_line", "Parts return line", "spare.parts.return.line",
        ("return_cores_to_vendor",), {
            ENGINEER: "rcwd own", SP_ADMIN: "rcwd: return_cores_to_vendor",
        }),
    Doc("transfer", "Engineer to engineer transfer", "spare.parts.transfer",
        ("send", "accept", "reject", "view_pickings"), {
            ENGINEER: "rcw own: send accept reject view_pickings",
            SP_ADMIN: "rcwd: send accept reject view_pickings",
        }),
    Doc("transfer_line", "Engineer transfer line", "spare.parts.transfer.line", (), {
        ENGINEER: "rcwd own", SP_ADMIN: "rcwd",
    }),
    Doc("adjustment", "Personal warehouse adjustment", "spare.parts.adjustment",
        ("apply", "cancel"), {
            ENGINEER: "r own",
            SP_ADMIN: "rcwd: apply cancel",
        }),
    Doc("adjustment_line", "Personal warehouse adjustment line",
        "spare.parts.adjustment.line", (), {
            ENGINEER: "r own", SP_ADMIN: "rcwd",
        }),
    Doc("warning_rule", "Inventory warning rule", "spare.parts.warning.rule", ("replenish",), {
        ENGINEER: "r own", SP_ADMIN: "rcwd: replenish",
    }),
    Doc("check_sheet", "Inventory check sheet (wizard)", "spare.parts.check.sheet",
        ("start_count",), {
            SP_ADMIN: "c: start_count",
        }),
    Doc("engineer_user", "User form: personal warehouse button", "res.users",
        ("create_personal_warehouse",), {
            ENGINEER: "r", SP_ADMIN: "r: create_personal_warehouse", SALES: "r",
            ORDER_ADMIN: "r", SHIPPING: "r", USER: "r",
        }),
    Doc("settings", "Spare Parts settings (wizard)", "res.config.settings",
        ("create_personal_warehouses",), {}),
    # ------------------------------------------------------- spare_parts_repair
    Doc("repair_plan", "Repair plan", "spare.parts.repair.plan",
        ("generate_repairs", "view_repairs"), {
            ENGINEER: "r",
            SP_ADMIN: "rcwd: generate_repairs view_repairs",
        }),
    Doc("repair_plan_line", "Repair plan unit", "spare.parts.repair.plan.line", (), {
        ENGINEER: "r", SP_ADMIN: "rcwd",
    }),
    Doc("refurbish_line", "Refurbishment kit line", "spare.parts.refurbish.line", (), {
        ENGINEER: "r", SP_ADMIN: "rcwd", SALES: "r", ORDER_ADMIN: "r", SHIPPING: "r", USER: "r",
    }),
    Doc("repair_scrap", "Scrap a failed unit (wizard)", "spare.parts.repair.scrap",
        ("scrap",), {
            SP_ADMIN: "c: scrap",
        }),
    Doc("serial", "Serial number (part history button)", "stock.lot",
        ("view_spare_parts_history",), {
            ENGINEER: "r: view_spare_parts_history",
            SP_ADMIN: "r: view_spare_parts_history",
            SALES: "r: view_spare_parts_history",
            ORDER_ADMIN: "r: view_spare_parts_history",
            SHIPPING: "r: view_spare_parts_history",
        }),
    Doc("negative_quant", "Negative stock (causes button)", "stock.quant",
        ("view_spare_parts_negative_causes",), {
            ENGINEER: "r: view_spare_parts_negative_causes",
            SP_ADMIN: "r: view_spare_parts_negative_causes",
            SALES: "r: view_spare_parts_negative_causes",
            ORDER_ADMIN: "r: view_spare_parts_negative_causes",
            SHIPPING: "r: view_spare_parts_negative_causes",
            USER: "r",
        }),
    Doc("van_picking", "Transfer of a parts request (stock)", "stock.picking", (), {
        ENGINEER: "r own", SP_ADMIN: "r", SALES: "r", ORDER_ADMIN: "r", SHIPPING: "r",
    }),
    Doc("van_move", "Stock move of a parts request", "stock.move", (), {
        ENGINEER: "r own", SP_ADMIN: "r", SALES: "r", ORDER_ADMIN: "r", SHIPPING: "r",
    }),
    Doc("van_move_line", "Move line of a parts request", "stock.move.line", (), {
        ENGINEER: "r own", SP_ADMIN: "r", SALES: "r", ORDER_ADMIN: "r", SHIPPING: "r", USER: "r",
    }),
    # ----------------------------------------------------- spare_parts_purchase
    Doc("discrepancy", "Receipt discrepancy", "spare.parts.receipt.discrepancy",
        ("create_replacement_order", "close"), {
            SP_ADMIN: "rcwd: close", ORDER_ADMIN: "rcw: close", SHIPPING: "rcw: close",
        }),
    Doc("workspace", "Parts workspace (wizard)", "spare.parts.workspace",
        ("open_stock", "open_orderpoints", "open_purchase_orders", "export_stock_list"), {
            SP_ADMIN: "c: open_stock open_orderpoints open_purchase_orders export_stock_list",
        }),
    Doc("bill_comparison", "Usage against vendor bills (wizard)", "spare.parts.bill.comparison",
        ("compute",), {
            SP_ADMIN: "c: compute",
        }),
    Doc("receipt", "Receipt (discrepancy buttons)", "stock.picking",
        ("report_spare_parts_discrepancy", "view_spare_parts_discrepancies"), {
            SALES: "r",
            SP_ADMIN: "r: report_spare_parts_discrepancy view_spare_parts_discrepancies",
            ORDER_ADMIN: "r: report_spare_parts_discrepancy view_spare_parts_discrepancies",
            SHIPPING: "r: report_spare_parts_discrepancy view_spare_parts_discrepancies",
        }),
    Doc("purchase_order", "Purchase order (discrepancy button)", "purchase.order",
        ("view_spare_parts_discrepancies",), {
            SP_ADMIN: "r: view_spare_parts_discrepancies",
            ORDER_ADMIN: "r: view_spare_parts_discrepancies",
            SHIPPING: "r: view_spare_parts_discrepancies",
        }),
    # ------------------------------------------------------------ warranty_sales
    Doc("equipment", "Equipment (suite buttons)", "maintenance.equipment",
        ("view_spare_parts_tickets", "view_spare_parts_replacements", "view_warranties"), {
            ENGINEER: "r: view_spare_parts_tickets view_spare_parts_replacements "
                      "view_warranties",
            SP_ADMIN: "r: view_spare_parts_tickets view_spare_parts_replacements "
                      "view_warranties",
            SALES: "r: view_spare_parts_tickets view_spare_parts_replacements view_warranties",
            ORDER_ADMIN: "r: view_spare_parts_tickets view_spare_parts_replacements "
                         "view_warranties",
        }),
    Doc("warranty_type", "Warranty type", "warranty.type", (), {
        ENGINEER: "r", SP_ADMIN: "rcwd", SALES: "r", ORDER_ADMIN: "r", SHIPPING: "r", USER: "r",
    }),
    Doc("equipment_warranty", "Equipment warranty", "maintenance.equipment.warranty", (), {
        ENGINEER: "r", SP_ADMIN: "rcwd", SALES: "rcw", ORDER_ADMIN: "rcw", SHIPPING: "r",
        USER: "r",
    }),
    Doc("claim", "Warranty claim", "warranty.claim",
        ("send", "send_by_email", "print", "settle", "reject", "reset_draft"), {
            SP_ADMIN: "r: print",
            SALES: "rw: send send_by_email print reject reset_draft",
            ORDER_ADMIN: "rw: send send_by_email print reject reset_draft",
            SHIPPING: "r: print",
        }),
    Doc("claim_line", "Warranty claim part", "warranty.claim.line", (), {
        SP_ADMIN: "r", SALES: "rw", ORDER_ADMIN: "rw", SHIPPING: "r",
    }),
    Doc("sale_order", "Sales order (suite buttons)", "sale.order",
        ("warranty_check", "view_warranty_claims", "b2b_open_confirm_override",
         "b2b_create_shipment", "b2b_view_shipments", "b2b_view_returns"), {
            SP_ADMIN: "r: view_warranty_claims",
            SALES: "r own: warranty_check view_warranty_claims b2b_view_shipments "
                   "b2b_view_returns",
            ORDER_ADMIN: "r: warranty_check view_warranty_claims b2b_open_confirm_override "
                         "b2b_create_shipment b2b_view_shipments b2b_view_returns",
            SHIPPING: "r: view_warranty_claims b2b_create_shipment b2b_view_shipments "
                      "b2b_view_returns",
        }),
    Doc("sale_line", "Sales order line (goodwill button)", "sale.order.line",
        ("warranty_apply_goodwill",), {
            SP_ADMIN: "r", SALES: "r own: warranty_apply_goodwill",
            ORDER_ADMIN: "r: warranty_apply_goodwill", SHIPPING: "r",
        }),
    # ------------------------------------------------------- sales_inventory_b2b
    Doc("order_type", "B2B order type", "sale.b2b.order.type", (), {
        ENGINEER: "r", SP_ADMIN: "r", SALES: "r", ORDER_ADMIN: "rcwd", SHIPPING: "r", USER: "r",
    }),
    Doc("warehouse_rule", "B2B warehouse assignment rule", "sale.b2b.warehouse.rule", (), {
        ENGINEER: "r", SP_ADMIN: "r", SALES: "r", ORDER_ADMIN: "rcwd", SHIPPING: "r", USER: "r",
    }),
    Doc("warehouse_rule_line", "B2B warehouse assignment rule: warehouse",
        "sale.b2b.warehouse.rule.line", (), {
            ENGINEER: "r", SP_ADMIN: "r", SALES: "r", ORDER_ADMIN: "rcwd", SHIPPING: "r",
            USER: "r",
        }),
    Doc("shortage", "B2B short line", "sale.b2b.shortage", ("resolve", "reopen"), {
        SALES: "r own", ORDER_ADMIN: "rcwd: resolve reopen",
    }),
    Doc("reservation", "B2B frozen inventory", "sale.b2b.reservation",
        ("release", "open_adjust_wizard"), {
            SALES: "r own", ORDER_ADMIN: "r: release open_adjust_wizard", SHIPPING: "r",
        }),
    Doc("reservation_lock", "B2B frozen inventory lock (technical)",
        "sale.b2b.reservation.lock", (), {
            ENGINEER: "r", SP_ADMIN: "r", SALES: "r", ORDER_ADMIN: "rcwd", SHIPPING: "r",
            USER: "r",
        }),
    Doc("reservation_adjust", "Adjust frozen inventory (wizard)", "sale.b2b.reservation.adjust",
        ("apply",), {
            ORDER_ADMIN: "c: apply",
        }),
    Doc("confirm_override", "Confirm despite shortage (wizard)", "sale.b2b.confirm.override",
        ("confirm",), {
            ORDER_ADMIN: "c: confirm",
        }),
    Doc("shipment", "B2B shipment", "sale.b2b.shipment",
        ("send", "register_fulfilment", "confirm_receipt", "cancel"), {
            SALES: "r",
            ORDER_ADMIN: "rcwd: send register_fulfilment confirm_receipt cancel",
            SHIPPING: "rcw: send register_fulfilment confirm_receipt cancel",
        }),
    Doc("shipment_line", "B2B shipment line", "sale.b2b.shipment.line", (), {
        SALES: "r", ORDER_ADMIN: "rcwd", SHIPPING: "rcwd",
    }),
    Doc("b2b_return", "B2B return", "sale.b2b.return", ("confirm", "receive", "cancel"), {
        SALES: "rcw: confirm cancel",
        ORDER_ADMIN: "rcwd: confirm receive cancel",
        SHIPPING: "rcw: confirm receive cancel",
    }),
    Doc("b2b_return_line", "B2B return line", "sale.b2b.return.line", (), {
        SALES: "rcwd", ORDER_ADMIN: "rcwd", SHIPPING: "rcwd",
    }),
)
# fmt: on
DOCS = {doc.key: doc for doc in ACCESS}


class Cell(NamedTuple):
    """One cell of the table, parsed: {'r', 'c'...}, own, (button, ...)."""

    crud: frozenset
    own: bool
    buttons: tuple

    @classmethod
    def parse(cls, text, doc):
        head, _colon, buttons = text.partition(":")
        words = head.split()
        crud = frozenset(words[0]) if words and words[0] != "-" else frozenset()
        pressed = set(buttons.split())
        unknown = pressed - set(doc.buttons)
        assert not unknown, f"{doc.key}: {unknown} not in the buttons of {doc.label}"
        return cls(crud, "own" in words[1:], tuple(b for b in doc.buttons if b in pressed))

    def __str__(self):
        text = "".join(op for op in "rcwd" if op in self.crud) or "-"
        if self.own:
            text += " own"
        if self.buttons:
            text = f"{'' if text == '-' else text}: {' '.join(self.buttons)}"
        return text


def expected_cell(doc, role):
    return Cell.parse(doc.rights.get(role, "-"), doc)


def render_table():
    """The README table: one row per document, one column per role."""
    header = ["Document", "Model", "Buttons checked", *(ROLES[role][0] for role in ROLE_KEYS)]
    lines = [header, ["---"] * len(header)]
    for doc in ACCESS:
        cells = [str(expected_cell(doc, role)) for role in ROLE_KEYS]
        buttons = ", ".join(doc.buttons) or "-"
        lines.append([doc.label, f"`{doc.model}`", buttons, *cells])
    return "\n".join(f"| {' | '.join(line)} |" for line in lines) + "\n"


class Spec(NamedTuple):
    """How the test reaches a document: fixture names (see ``cls.fx``)."""

    record: str = ""  # read, written, deleted; the record of the buttons by default
    other: str = ""  # the same document of another owner, for "own"
    create: Any = None  # test -> values of a new one (documents of the suite)
    write: Any = None  # values written (or test -> values)
    buttons: Any = None  # {button: fixture} for buttons needing another state
    wizard: Any = None  # test -> values of the wizard each role opens itself
    company_b: str = ""  # the same document in the other company


# fmt: off
SPECS = {
    "work_order": Spec(
        "ticket", other="ticket_other",
        buttons={"spare_parts_create_quotation": "ticket_billable",
                 "view_spare_parts_sale_orders": "ticket_billable",
                 "request_parts": "ticket_needing_parts",
                 "request_service_bom": "ticket_needing_parts",
                 "return_old_parts": "ticket_old_parts"}),
    "parts_line": Spec(
        "line", other="line_other", write={"note": "Checked"},
        create=lambda t: {"ticket_id": t.ticket.id, "product_id": t.part_plain.id},
        buttons={"return": "line_old", "return_original": "line_replacing",
                 "approve_warranty_replacement": "line_warranty",
                 "reject_warranty_replacement": "line_warranty"},
        company_b="line_b"),
    "service_bom_line": Spec(
        "service_bom_line", write={"note": "Checked"}, company_b="service_bom_line_b",
        create=lambda t: {"equipment_product_tmpl_id": t.equipment_model.product_tmpl_id.id,
                          "part_id": t.part_plain.id}),
    "equipment_part": Spec(
        "equipment_part", write={"quantity": 2}, company_b="equipment_part_b",
        create=lambda t: {"equipment_id": t.equipment.id, "product_id": t.part_plain.id}),
    "replacement": Spec(
        "replacement", write={"quantity": 2}, company_b="replacement_b",
        create=lambda t: {"equipment_id": t.equipment.id, "old_product_id": t.part_plain.id,
                          "new_product_id": t.part_plain.id}),
    "catalogue_request": Spec(
        "catalogue_draft", other="catalogue_other", write={"vendor_ref": "X-1"},
        create=lambda t: {"name": "Door seal", "reason": "Torn"},
        buttons={"create_product": "catalogue_submitted", "open_product": "catalogue_done"},
        company_b="catalogue_b"),
    "serial_prompt": Spec(wizard=lambda t: {
        "part_line_ids": [Command.set(t.fx["line_waiting_serial"].ids)],
        "lot_ids": [Command.set(t.fx["serial_in_van"].ids)]}),
    "overview_card": Spec(
        "overview_card", write={"sequence": 5}, company_b="overview_card_b",
        create=lambda t: {"name": "Check", "action_id": t.env.ref(
            "spare_parts_base.spare_parts_catalogue_request_action").id}),
    "line_correction": Spec(wizard=lambda t: {
        "line_id": t.fx["line_consumed"].id, "quantity": 2, "reason": "Recount"}),
    "part_entry": Spec(wizard=lambda t: {
        "ticket_id": t.ticket.id, "search_text": "SP-AF", "product_id": t.part_plain.id}),
    "request": Spec(
        "request_draft", other="request_other", write={"note": "Checked"},
        create=lambda t: {"line_ids": [Command.create({"product_id": t.part_plain.id})]},
        buttons={"approve": "request_submitted", "ship": "request_approved",
                 "receive": "request_shipped", "cancel": "request_submitted",
                 "view_pickings": "request_approved"},
        company_b="request_b"),
    "request_line": Spec(
        "request_line", other="request_line_other", write={"quantity": 2},
        create=lambda t: {"document_id": t.fx["request_draft"].id,
                          "product_id": t.part_plain.id},
        company_b="request_line_b"),
    "parts_return": Spec(
        "return_draft", other="return_other", write={"note": "Checked"},
        create=lambda t: {"line_ids": [Command.create({"product_id": t.part_plain.id})]},
        buttons={"receive": "return_sent", "view_pickings": "return_sent"},
        company_b="return_b"),
    "return_line": Spec(
        "return_line", other="return_line_other", write={"quantity": 2},
        create=lambda t: {"document_id": t.fx["return_draft"].id,
                          "product_id": t.part_plain.id},
        buttons={"return_cores_to_vendor": "return_core_line"},
        company_b="return_line_b"),
    "transfer": Spec(
        "transfer_draft", other="transfer_other", write={"note": "Checked"},
        create=lambda t: {"receiver_id": t.engineer_2.id,
                          "line_ids": [Command.create({"product_id": t.part_plain.id})]},
        buttons={"accept": "transfer_incoming", "reject": "transfer_incoming",
                 "view_pickings": "transfer_incoming"},
        company_b="transfer_b"),
    "transfer_line": Spec(
        "transfer_line", other="transfer_line_other", write={"quantity": 2},
        create=lambda t: {"document_id": t.fx["transfer_draft"].id,
                          "product_id": t.part_plain.id},
        company_b="transfer_line_b"),
    "adjustment": Spec(
        "adjustment", other="adjustment_other", write={"reason": "Recount"},
        create=lambda t: {"location_id": t.van_1.id, "reason": "Count"},
        company_b="adjustment_b"),
    "adjustment_line": Spec(
        "adjustment_line", other="adjustment_line_other", write={"counted_qty": 4},
        create=lambda t: {"adjustment_id": t.fx["adjustment"].id,
                          "product_id": t.part_plain.id, "counted_qty": 1},
        company_b="adjustment_line_b"),
    "warning_rule": Spec(
        "warning_rule", other="warning_rule_other", write={"min_qty": 2},
        create=lambda t: {"location_id": t.van_1.id, "product_id": t.part_serial.id},
        company_b="warning_rule_b"),
    "check_sheet": Spec(wizard=lambda t: {"location_id": t.spw_stock.id}),
    "engineer_user": Spec("engineer_3"),
    "settings": Spec(wizard=lambda t: {}),
    "repair_plan": Spec(
        "repair_plan", write={"interval_days": 14}, company_b="repair_plan_b",
        create=lambda t: {"warehouse_id": t.spw.id},
        buttons={"view_repairs": "repair_plan_running"}),
    "repair_plan_line": Spec(
        "repair_plan_line", write={"quantity": 1}, company_b="repair_plan_line_b",
        create=lambda t: {"plan_id": t.fx["repair_plan"].id, "product_id": t.part_plain.id}),
    "refurbish_line": Spec(
        "refurbish_line", write={"quantity": 2},
        create=lambda t: {"product_tmpl_id": t.part_serial.product_tmpl_id.id,
                          "part_id": t.part_serial.id}),
    "repair_scrap": Spec(wizard=lambda t: {
        "repair_id": t.fx["repair_plan_running"].repair_ids.id, "reason": "Cracked"}),
    "serial": Spec("serial"),
    "discrepancy": Spec(
        "discrepancy", write={"note": "Checked"}, company_b="discrepancy_b",
        create=lambda t: {"picking_id": t.fx["receipt"].id, "product_id": t.part_plain.id}),
    "workspace": Spec(wizard=lambda t: {}),
    "bill_comparison": Spec(wizard=lambda t: {}),
    "receipt": Spec("receipt"),
    "negative_quant": Spec("negative_quant"),
    "van_picking": Spec("van_picking", other="van_picking_other"),
    "van_move": Spec("van_move", other="van_move_other"),
    "van_move_line": Spec("van_move_line", other="van_move_line_other"),
    "purchase_order": Spec("purchase_order"),
    "equipment": Spec("equipment"),
    "warranty_type": Spec(
        "warranty_type", write={"note": "Checked"}, company_b="warranty_type_b",
        create=lambda t: {"code": "NEW", "name": "New type"}),
    "equipment_warranty": Spec(
        "warranty", write={"note": "Checked"}, company_b="warranty_b",
        create=lambda t: {"equipment_id": t.equipment.id, "type_id": t.fx["warranty_type"].id,
                          "date_start": "2020-01-01", "payer_id": t.payer.id,
                          "pricelist_id": t.payer_agreement.id}),
    "claim": Spec(
        "claim", write={"date": "2026-01-02"}, company_b="claim_b",
        create=lambda t: {"equipment_id": t.equipment.id, "payer_id": t.payer.id,
                          "pricelist_id": t.payer_agreement.id},
        buttons={"reset_draft": "claim_rejected"}),
    "claim_line": Spec(
        "claim_line", write={"quantity": 2}, company_b="claim_line_b",
        create=lambda t: {"claim_id": t.fx["claim"].id, "product_id": t.part_plain.id}),
    "sale_order": Spec(
        "order", other="order_other",
        buttons={"warranty_check": "quotation", "b2b_open_confirm_override": "quotation"}),
    "sale_line": Spec("goodwill_line", other="order_other_line"),
    "order_type": Spec(
        "order_type", write={"note": "Checked"}, company_b="order_type_b",
        create=lambda t: {"name": "Rush"}),
    "warehouse_rule": Spec(
        "warehouse_rule", write={"note": "Checked"}, company_b="warehouse_rule_b",
        create=lambda t: {"name": "North first", "rule_type": "priority"}),
    "warehouse_rule_line": Spec(
        "warehouse_rule_line", write={"sequence": 5}, company_b="warehouse_rule_line_b",
        create=lambda t: {
            "rule_id": t.fx["warehouse_rule_empty"].id, "warehouse_id": t.warehouse.id,
        }),
    "shortage": Spec(
        "shortage", other="shortage_other", write={"scope_label": "All"},
        create=lambda t: {"order_id": t.fx["order"].id, "product_id": t.b2b_product.id},
        buttons={"reopen": "shortage_done"}, company_b="shortage_b"),
    "reservation": Spec(
        "reservation", other="reservation_other", write={"quantity": 0.5},
        create=lambda t: t._reservation_vals(t.fx["order"]), company_b="reservation_b"),
    "reservation_lock": Spec(
        "reservation_lock", company_b="reservation_lock_b",
        write=lambda t: {"product_id": t.part_serial.id},
        create=lambda t: {"company_id": t.company.id, "product_id": t.part_plain.id}),
    "reservation_adjust": Spec(wizard=lambda t: {
        "reservation_id": t.fx["reservation"].id, "new_quantity": 0.5, "reason": "Count"}),
    "confirm_override": Spec(wizard=lambda t: {
        "order_ids": [Command.set(t.fx["quotation"].ids)], "reason": "Stock arrives"}),
    "shipment": Spec(
        "shipment", write={"carrier_name": "DHL"}, company_b="shipment_b",
        create=lambda t: t.fx["order"]._prepare_b2b_shipment_vals("notice"),
        buttons={"confirm_receipt": "shipment_done"}),
    "shipment_line": Spec(
        "shipment_line", write={"quantity": 1}, company_b="shipment_line_b",
        create=lambda t: {"shipment_id": t.fx["shipment"].id,
                          "sale_line_id": t.fx["order"].order_line.id, "quantity": 1}),
    "b2b_return": Spec(
        "b2b_return", write={"reason": "Damaged"}, company_b="b2b_return_b",
        create=lambda t: {"partner_id": t.customer.id},
        buttons={"receive": "b2b_return_confirmed"}),
    "b2b_return_line": Spec(
        "b2b_return_line", write={"quantity": 1}, company_b="b2b_return_line_b",
        create=lambda t: {"return_id": t.fx["b2b_return"].id,
                          "sale_line_id": t.fx["order"].order_line.id}),
}
# fmt: on


class AccessMatrixCommon(PersonalWarehouseCommon):
    """One record of every document in the state each button needs (``fx``),
    a user per role (``role_users``), the same documents in company B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._advanced()
        cls.fx = {}
        cls._setup_users()
        cls._setup_work_orders()
        cls._setup_catalogue()
        cls._setup_documents()
        cls._setup_followups()
        cls._setup_repair()
        cls._setup_purchase()
        cls._setup_warranty()
        cls._setup_sales()
        cls._setup_company_b()

    # ------------------------------------------------------------------ users
    @classmethod
    def _setup_users(cls):
        cls.sales = cls._new_user("acl_sales", ROLES[SALES][1])
        cls.sales_2 = cls._new_user("acl_sales_2", ROLES[SALES][1])
        cls.role_users = {
            ENGINEER: cls.engineer,
            SP_ADMIN: cls.admin,
            SALES: cls.sales,
            ORDER_ADMIN: cls._new_user("acl_order_admin", ROLES[ORDER_ADMIN][1]),
            SHIPPING: cls._new_user("acl_shipping", ROLES[SHIPPING][1]),
            USER: cls.plain_user,
            PORTAL: cls._new_user("acl_portal", ROLES[PORTAL][1]),
        }
        cls.fx["engineer_3"] = cls._new_user("acl_engineer_3", ROLES[ENGINEER][1])

    # ------------------------------------------------------- spare_parts_base
    @classmethod
    def _setup_work_orders(cls):
        cls.company.write(
            {
                "spare_parts_personal_transfer": True,
                "spare_parts_personal_adjustment": True,
                "spare_parts_coordinator_id": cls.admin.id,
                "spare_parts_service_bom": True,
            }
        )
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.part_plain, cls.van_1, 5)
        # An old part the engineer brought back in his van (Return Old Parts).
        cls.fx["ticket_old_parts"] = cls._new_ticket(cls.engineer)
        Quant._update_available_quantity(
            cls.part_plain, cls.van_1._get_spare_parts_old_parts_location(), 1
        )
        Quant._update_available_quantity(cls.part_plain, cls.van_2, 5)
        ticket, part = cls.ticket, cls.part_plain
        cls.fx.update(
            ticket=ticket,
            ticket_other=cls._new_ticket(cls.engineer_2),
            line=cls._add_line(ticket, part),
            line_old=cls._add_line(ticket, part, part_condition="old"),
            line_replacing=cls._add_line(ticket, part, replaced_product_id=part.id),
            line_warranty=cls._add_line(ticket, part, is_warranty_replacement=True),
        )
        cls.fx["line_other"] = cls._add_line(cls.fx["ticket_other"], part)
        # A filter consumed on the engineer's work order, to correct (SP-05).
        cls.fx["line_consumed"] = cls._add_line(cls._new_ticket(cls.engineer), part)
        cls.fx["line_consumed"].action_consume()
        # A pump planned without its serial; the van holds one (SP-31 prompt).
        pump = cls.env["product.product"].create(
            {
                "name": "Dosing Pump",
                "is_storable": True,
                "tracking": "serial",
                "spare_parts_is_part": True,
            }
        )
        cls.env["spare.parts.service.bom.line"].create(
            {
                "equipment_product_tmpl_id": cls.equipment_model.product_tmpl_id.id,
                "part_id": pump.id,
            }
        )
        unit = cls.env["stock.lot"].create({"name": "DP-ACL", "product_id": pump.id})
        Quant._update_available_quantity(pump, cls.van_1, 1, lot_id=unit)
        cls.fx["serial_in_van"] = unit
        cls.fx["line_waiting_serial"] = cls._add_line(cls._new_ticket(cls.engineer), pump)
        # A work order planning a board the van does not hold (Request Parts).
        cls.fx["ticket_needing_parts"] = cls._new_ticket(cls.engineer)
        cls._add_line(cls.fx["ticket_needing_parts"], cls.part_serial)
        tmpl = cls.equipment_model.product_tmpl_id
        cls.fx.update(
            service_bom_line=cls.env["spare.parts.service.bom.line"].create(
                {"equipment_product_tmpl_id": tmpl.id, "part_id": cls.part_serial.id}
            ),
            equipment_part=cls.env["spare.parts.equipment.part"].create(
                {"equipment_id": cls.equipment.id, "product_id": part.id}
            ),
            replacement=cls.env["spare.parts.replacement"].create(
                {"equipment_id": cls.equipment.id, "old_product_id": part.id}
                | {"new_product_id": part.id}
            ),
            equipment=cls.equipment,
            serial=cls.serial_1,
        )

    @classmethod
    def _setup_catalogue(cls):
        Request = cls.env["spare.parts.catalogue.request"]

        def request(user):
            return Request.create(
                {"name": "Door seal", "reason": "Torn", "requested_by_id": user.id}
            )

        cls.fx.update(
            catalogue_draft=request(cls.engineer),
            catalogue_submitted=request(cls.engineer),
            catalogue_done=request(cls.engineer),
            catalogue_other=request(cls.engineer_2),
        )
        (cls.fx["catalogue_submitted"] | cls.fx["catalogue_done"]).action_submit()
        cls.fx["catalogue_done"].action_create_product()
        # The Overview card of the work orders waiting for parts (it has a Late button).
        cls.fx["overview_card"] = cls.env.ref(
            "spare_parts_base.overview_card_work_orders_parts_planned"
        )

    # ------------------------------------------------ spare_parts_personal_wh
    @classmethod
    def _document(cls, model, engineer, **vals):
        line = Command.create({"product_id": cls.part_plain.id, "quantity": 1})
        return cls.env[model].create({"engineer_id": engineer.id, "line_ids": [line], **vals})

    @classmethod
    def _setup_documents(cls):
        eng, eng_2 = cls.engineer, cls.engineer_2
        requests = [cls._document("spare.parts.request", eng) for _i in range(4)]
        cls.fx.update(
            request_draft=requests[0],
            request_submitted=requests[1],
            request_approved=requests[2],
            request_shipped=requests[3],
            request_other=cls._document("spare.parts.request", eng_2),
            return_draft=cls._document("spare.parts.return", eng),
            return_sent=cls._document("spare.parts.return", eng),
            return_other=cls._document("spare.parts.return", eng_2),
            transfer_draft=cls._document("spare.parts.transfer", eng, receiver_id=eng_2.id),
            transfer_incoming=cls._document("spare.parts.transfer", eng_2, receiver_id=eng.id),
            transfer_other=cls._document("spare.parts.transfer", eng_2, receiver_id=cls.admin.id),
        )
        for request in requests[1:]:
            request.action_submit()
        for request in requests[2:]:
            request.action_approve()
        requests[3].action_ship()
        other_shipped = cls._document("spare.parts.request", eng_2)
        other_shipped.action_submit()
        other_shipped.action_approve()
        other_shipped.action_ship()
        for suffix, request in (("", requests[3]), ("_other", other_shipped)):
            picking = request._get_pickings().filtered(lambda p: p.spare_parts_leg == "inbound")
            cls.fx[f"van_picking{suffix}"] = picking
            cls.fx[f"van_move{suffix}"] = picking.move_ids
            cls.fx[f"van_move_line{suffix}"] = picking.move_ids.move_line_ids
        cls.fx["return_sent"].action_send()
        cls.fx["transfer_incoming"].action_send()
        for kind in ("request", "return", "transfer"):
            cls.fx[f"{kind}_line"] = cls.fx[f"{kind}_draft"].line_ids
            cls.fx[f"{kind}_line_other"] = cls.fx[f"{kind}_other"].line_ids
        Adjustment, Rule = cls.env["spare.parts.adjustment"], cls.env["spare.parts.warning.rule"]
        counted = {"product_id": cls.part_plain.id, "counted_qty": 5}
        for suffix, van in (("", cls.van_1), ("_other", cls.van_2)):
            adjustment = Adjustment.create(
                {
                    "location_id": van.id,
                    "reason": "Count",
                    "line_ids": [Command.create(counted)],
                }
            )
            cls.fx[f"adjustment{suffix}"] = adjustment
            cls.fx[f"adjustment_line{suffix}"] = adjustment.line_ids
            cls.fx[f"warning_rule{suffix}"] = Rule.create(
                {"location_id": van.id, "product_id": cls.part_plain.id, "min_qty": 1}
            )

    @classmethod
    def _setup_followups(cls):
        """A warranty core received in the defective location (SP-30) and a
        negative quantity to investigate there (SP-22)."""
        # Their own stock: the work order fixtures keep what they consume.
        cls.env["stock.quant"]._update_available_quantity(cls.part_plain, cls.van_1, 2)
        core_return = cls._document("spare.parts.return", cls.engineer, return_type="defective")
        core_return.line_ids.write({"is_warranty_core": True, "core_vendor_id": cls.customer.id})
        core_return.action_send()
        core_return.action_receive()
        cls.fx["return_core_line"] = core_return.line_ids
        cls.env["stock.quant"]._update_available_quantity(cls.part_serial, cls.defective, -1)
        cls.fx["negative_quant"] = cls.env["stock.quant"]._gather(cls.part_serial, cls.defective)
        # A work order with an installed part to bill (SP-28; billing needs Sales
        # rights, which none of the table's roles has next to work orders).
        cls.fx["ticket_billable"] = cls._new_ticket(cls.engineer)
        cls._add_line(cls.fx["ticket_billable"], cls.part_plain).action_consume()

    # ------------------------------------------------------ spare_parts_repair
    @classmethod
    def _setup_repair(cls):
        Lot, Plan = cls.env["stock.lot"], cls.env["spare.parts.repair.plan"]
        plans = []
        for name in ("CB-DEF-1", "CB-DEF-2"):
            lot = Lot.create({"name": name, "product_id": cls.part_serial.id})
            cls.env["stock.quant"]._update_available_quantity(
                cls.part_serial, cls.defective, 1, lot_id=lot
            )
            unit = {"product_id": cls.part_serial.id, "lot_id": lot.id}
            plans.append(
                Plan.create({"warehouse_id": cls.spw.id, "line_ids": [Command.create(unit)]})
            )
        plans[1].action_generate_repairs()
        cls.fx.update(
            repair_plan=plans[0],
            repair_plan_line=plans[0].line_ids,
            repair_plan_running=plans[1],
            refurbish_line=cls.env["spare.parts.refurbish.line"].create(
                {"product_tmpl_id": cls.part_serial.product_tmpl_id.id}
                | {"part_id": cls.part_plain.id}
            ),
        )

    # ---------------------------------------------------- spare_parts_purchase
    @classmethod
    def _setup_purchase(cls):
        vendor = cls.env["res.partner"].create({"name": "Filtra BV", "is_company": True})
        order = cls.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "picking_type_id": cls.spw.in_type_id.id,
                "order_line": [Command.create({"product_id": cls.part_plain.id, "product_qty": 5})],
            }
        )
        order.button_confirm()
        receipt = order.picking_ids
        cls.fx.update(
            purchase_order=order,
            receipt=receipt,
            discrepancy=cls.env["spare.parts.receipt.discrepancy"].create(
                {"picking_id": receipt.id, "product_id": cls.part_plain.id}
            ),
        )

    # ---------------------------------------------------------- warranty_sales
    @classmethod
    def _setup_warranty(cls):
        cls.payer = cls.env["res.partner"].create({"name": "Robot Works", "is_company": True})
        cls.payer_agreement = cls.env["product.pricelist"].create(
            {"name": "Robot Works agreement", "company_id": False}
        )
        wtype, spare_type = cls.env["warranty.type"].create(
            [{"code": "STD", "name": "Standard"}, {"code": "EXT", "name": "Extended"}]
        )
        warranty = cls.env["maintenance.equipment.warranty"].create(
            {
                "equipment_id": cls.equipment.id,
                "type_id": wtype.id,
                "date_start": "2025-01-01",
                "payer_id": cls.payer.id,
                "pricelist_id": cls.payer_agreement.id,
            }
        )
        claims = cls.env["warranty.claim"].create([cls._claim_vals(cls.company)] * 2)
        claims[1].action_reject()
        cls.fx.update(
            warranty_type=spare_type,
            warranty=warranty,
            claim=claims[0],
            claim_line=claims[0].line_ids,
            claim_rejected=claims[1],
        )
        cls._setup_claim_accounts()

    @classmethod
    def _claim_vals(cls, company, equipment=None):
        return {
            "company_id": company.id,
            "equipment_id": (equipment or cls.equipment).id,
            "payer_id": cls.payer.id,
            "pricelist_id": cls.payer_agreement.id,
            "line_ids": [
                Command.create(
                    {"product_id": cls.part_plain.id, "price_unit": 10.0, "cost_unit": 6.0}
                    | {"settlement_percent": 100.0}
                )
            ],
        }

    @classmethod
    def _setup_claim_accounts(cls):
        """Settling posts an entry: a journal and accounts for it."""
        Account = cls.env["account.account"]
        receivable, in_progress, charge = Account.create(
            [
                {"code": "ACL901", "name": "Claims receivable", "reconcile": True}
                | {"account_type": "asset_receivable"},
                {"code": "ACL902", "name": "Claims in progress", "account_type": "asset_current"},
                {"code": "ACL903", "name": "Claim charge", "account_type": "expense"},
            ]
        )
        journal = cls.env["account.journal"].create(
            {"name": "Warranty claims", "code": "ACLW", "type": "general"}
        )
        cls.company.write(
            {
                "warranty_claim_journal_id": journal.id,
                "warranty_claim_in_progress_account_id": in_progress.id,
                "warranty_claim_charge_account_id": charge.id,
            }
        )
        cls.payer.property_account_receivable_id = receivable

    # ----------------------------------------------------- sales_inventory_b2b
    @classmethod
    def _setup_sales(cls):
        cls.company.write(
            {
                "b2b_ordering_mode": "single",
                "b2b_validation_rule": "block",
                "b2b_shipping_mode": "notice",
                "b2b_shipping_population": "auto",
            }
        )
        cls.warehouse = cls.env.ref("stock.warehouse0")
        cls.b2b_product = cls.env["product.product"].create(
            {"name": "Switch", "is_storable": True, "list_price": 100.0}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.b2b_product, cls.warehouse.lot_stock_id, 20
        )
        order, order_other = cls._order(cls.sales, 4), cls._order(cls.sales_2, 1)
        (order | order_other).action_confirm()
        cls.fx.update(order=order, order_other=order_other)
        cls.fx["order_other_line"] = order_other.order_line
        cls._setup_shipping(order)
        cls._setup_order_documents(order, order_other)
        cls._setup_quotation()

    @classmethod
    def _order(cls, user, quantity, company=None, warehouse=None):
        line = {"product_id": cls.b2b_product.id, "product_uom_qty": quantity}
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": user.id,
                "company_id": (company or cls.company).id,
                "warehouse_id": (warehouse or cls.warehouse).id,
                "order_line": [Command.create(line)],
            }
        )

    @classmethod
    def _setup_shipping(cls, order):
        line = order.order_line
        done = order._create_b2b_shipment(quantities={line: 2})
        done.action_register_fulfilment()
        shipment = order._create_b2b_shipment(quantities={line: 2})
        Return = cls.env["sale.b2b.return"]
        returns = Return.create(
            [
                {
                    "partner_id": cls.customer.id,
                    "line_ids": [Command.create({"sale_line_id": line.id, "quantity": 1})],
                }
            ]
            * 2
        )
        returns[1].action_confirm()
        cls.fx.update(
            shipment=shipment,
            shipment_line=shipment.line_ids,
            shipment_done=done,
            b2b_return=returns[0],
            b2b_return_line=returns[0].line_ids,
            b2b_return_confirmed=returns[1],
        )
        cls.fx["claim"].sale_order_id = order

    @classmethod
    def _reservation_vals(cls, order, warehouse=None):
        return {
            "order_id": order.id,
            "order_line_id": order.order_line[:1].id,
            "product_id": order.order_line[:1].product_id.id,
            "warehouse_id": (warehouse or cls.warehouse).id,
            "quantity": 1.0,
        }

    @classmethod
    def _setup_order_documents(cls, order, order_other):
        Shortage = cls.env["sale.b2b.shortage"]
        Reservation = cls.env["sale.b2b.reservation"]
        shortage = {"product_id": cls.b2b_product.id, "qty_needed": 6.0, "qty_available": 4.0}
        cls.fx.update(
            order_type=cls.env["sale.b2b.order.type"].create({"name": "Express"}),
            warehouse_rule=cls._warehouse_rule(cls.company, cls.warehouse),
            shortage=Shortage.create({"order_id": order.id, **shortage}),
            shortage_done=Shortage.create({"order_id": order.id, "state": "done", **shortage}),
            shortage_other=Shortage.create({"order_id": order_other.id, **shortage}),
            reservation=Reservation.create(cls._reservation_vals(order)),
            reservation_other=Reservation.create(cls._reservation_vals(order_other)),
            reservation_lock=cls.env["sale.b2b.reservation.lock"].create(
                {"company_id": cls.company.id, "product_id": cls.b2b_product.id}
            ),
        )
        cls.fx["warehouse_rule_line"] = cls.fx["warehouse_rule"].line_ids
        cls.fx["warehouse_rule_empty"] = cls.env["sale.b2b.warehouse.rule"].create(
            {"name": "No warehouse yet", "rule_type": "priority"}
        )

    @classmethod
    def _warehouse_rule(cls, company, warehouse):
        return cls.env["sale.b2b.warehouse.rule"].create(
            {
                "name": f"{warehouse.name} first",
                "rule_type": "priority",
                "company_id": company.id,
                "line_ids": [Command.create({"warehouse_id": warehouse.id})],
            }
        )

    @classmethod
    def _setup_quotation(cls):
        """A quotation of the sales person: a part sold for the customer's
        equipment, qualified for goodwill, and a part short in stock."""
        quotation = cls._order(cls.sales, 1)
        goodwill_line = cls.env["sale.order.line"].create(
            {
                "order_id": quotation.id,
                "product_id": cls.part_plain.id,
                "warranty_equipment_id": cls.equipment.id,
            }
        )
        goodwill_line.write(
            {"warranty_entitlement": "goodwill", "warranty_id": cls.fx["warranty"].id}
        )
        cls.fx.update(quotation=quotation, goodwill_line=goodwill_line)

    # ------------------------------------------------------------- company B
    @classmethod
    def _setup_company_b(cls):
        company = cls.env["res.company"].create({"name": "Access Matrix Company B"})
        warehouse = cls.env["stock.warehouse"].search([("company_id", "=", company.id)])
        stock = warehouse.lot_stock_id
        cls._setup_company_b_spare_parts(company, warehouse)
        cls._setup_company_b_documents(company, stock)
        cls._setup_company_b_sales(company, warehouse)

    @classmethod
    def _setup_company_b_spare_parts(cls, company, warehouse):
        team = cls.env["helpdesk.ticket.team"].create({"name": "B team", "company_id": company.id})
        ticket = cls.env["helpdesk.ticket"].create(
            {"name": "B visit", "description": "B", "company_id": company.id, "team_id": team.id}
        )
        equipment = cls.env["maintenance.equipment"].create(
            {"name": "B compressor", "company_id": company.id}
        )
        model = cls.env["product.product"].create({"name": "B model", "company_id": company.id})
        part = cls.part_plain.id
        cls.fx.update(
            line_b=cls._add_line(ticket, cls.part_plain),
            service_bom_line_b=cls.env["spare.parts.service.bom.line"].create(
                {"equipment_product_tmpl_id": model.product_tmpl_id.id, "part_id": part}
            ),
            equipment_part_b=cls.env["spare.parts.equipment.part"].create(
                {"equipment_id": equipment.id, "product_id": part}
            ),
            replacement_b=cls.env["spare.parts.replacement"].create(
                {"equipment_id": equipment.id, "old_product_id": part, "new_product_id": part}
            ),
            catalogue_b=cls.env["spare.parts.catalogue.request"].create(
                {"name": "B seal", "reason": "B", "company_id": company.id}
            ),
            overview_card_b=cls.env["spare.parts.overview.card"].create(
                {
                    "name": "B cards",
                    "company_id": company.id,
                    "action_id": cls.env.ref(
                        "spare_parts_base.spare_parts_catalogue_request_action"
                    ).id,
                }
            ),
            repair_plan_b=cls.env["spare.parts.repair.plan"].create(
                {
                    "company_id": company.id,
                    "warehouse_id": warehouse.id,
                    "line_ids": [Command.create({"product_id": part})],
                }
            ),
            warranty_type_b=cls.env["warranty.type"].create(
                {"code": "B", "name": "B warranty", "company_id": company.id}
            ),
            claim_b=cls.env["warranty.claim"].create(cls._claim_vals(company, equipment)),
        )
        cls.fx["repair_plan_line_b"] = cls.fx["repair_plan_b"].line_ids
        cls.fx["claim_line_b"] = cls.fx["claim_b"].line_ids
        cls.fx["warranty_b"] = cls.env["maintenance.equipment.warranty"].create(
            {
                "equipment_id": equipment.id,
                "type_id": cls.fx["warranty_type_b"].id,
                "date_start": "2025-01-01",
                "payer_id": cls.payer.id,
                "pricelist_id": cls.payer_agreement.id,
            }
        )

    @classmethod
    def _setup_company_b_documents(cls, company, stock):
        # Company B's documents belong to company B's engineers.
        engineer_b, engineer_b2 = (
            new_test_user(
                cls.env,
                login=login,
                groups=ROLES[ENGINEER][1],
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )
            for login in ("acl_engineer_b", "acl_engineer_b2")
        )

        def document(model, **vals):
            return cls._document(model, engineer_b, company_id=company.id, **vals)

        line = [Command.create({"product_id": cls.part_plain.id, "counted_qty": 1})]
        cls.fx.update(
            request_b=document("spare.parts.request"),
            return_b=document("spare.parts.return"),
            transfer_b=document("spare.parts.transfer", receiver_id=engineer_b2.id),
            adjustment_b=cls.env["spare.parts.adjustment"].create(
                {"company_id": company.id, "location_id": stock.id, "reason": "B"}
                | {"line_ids": line}
            ),
            warning_rule_b=cls.env["spare.parts.warning.rule"].create(
                {"company_id": company.id, "location_id": stock.id}
                | {"product_id": cls.part_plain.id}
            ),
        )
        for kind in ("request", "return", "transfer", "adjustment"):
            cls.fx[f"{kind}_line_b"] = cls.fx[f"{kind}_b"].line_ids
        receipt = cls.env["stock.picking"].create(
            {
                "picking_type_id": stock.warehouse_id.in_type_id.id,
                "location_id": cls.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": stock.id,
                "move_ids": [
                    Command.create(
                        {"product_id": cls.part_plain.id, "product_uom_qty": 2}
                        | {"location_dest_id": stock.id}
                    )
                ],
            }
        )
        cls.fx["discrepancy_b"] = cls.env["spare.parts.receipt.discrepancy"].create(
            {"picking_id": receipt.id, "product_id": cls.part_plain.id}
        )

    @classmethod
    def _setup_company_b_sales(cls, company, warehouse):
        order = cls._order(cls.sales, 1, company=company, warehouse=warehouse)
        sale_line = order.order_line
        cls.fx.update(
            order_type_b=cls.env["sale.b2b.order.type"].create(
                {"name": "B type", "company_id": company.id}
            ),
            warehouse_rule_b=cls._warehouse_rule(company, warehouse),
            shortage_b=cls.env["sale.b2b.shortage"].create(
                {"order_id": order.id, "product_id": cls.b2b_product.id}
            ),
            reservation_b=cls.env["sale.b2b.reservation"].create(
                cls._reservation_vals(order, warehouse)
            ),
            reservation_lock_b=cls.env["sale.b2b.reservation.lock"].create(
                {"company_id": company.id, "product_id": cls.b2b_product.id}
            ),
            shipment_b=cls.env["sale.b2b.shipment"].create(
                order._prepare_b2b_shipment_vals("notice")
                | {"line_ids": [Command.create({"sale_line_id": sale_line.id, "quantity": 1})]}
            ),
            b2b_return_b=cls.env["sale.b2b.return"].create(
                {"company_id": company.id, "partner_id": cls.customer.id, "kind": "free"}
                | {"line_ids": [Command.create({"product_id": cls.b2b_product.id})]}
            ),
        )
        cls.fx["warehouse_rule_line_b"] = cls.fx["warehouse_rule_b"].line_ids
        cls.fx["shipment_line_b"] = cls.fx["shipment_b"].line_ids
        cls.fx["b2b_return_line_b"] = cls.fx["b2b_return_b"].line_ids


class TestAccessMatrix(AccessMatrixCommon):
    """One test per document (``test_<key>``, generated from ``ACCESS``), then
    company isolation, completeness of the table and the README."""

    # --------------------------------------------------------------- helpers
    def _refusal(self, func):
        """Run ``func`` in a savepoint always rolled back: the AccessError or
        UserError that refused it, or None when it went through."""
        savepoint = self.env.cr.savepoint()
        try:
            func()
            self.env.flush_all()
        except UserError as error:  # AccessError and ValidationError included
            return error
        finally:
            savepoint.close(rollback=True)
        return None

    def _allowed(self, func):
        return self._refusal(func) is None

    def _read(self, record):
        """Found by a search and readable: what opening it needs."""
        if record.search([("id", "=", record.id)]) != record:
            raise AccessError(f"{record} is not found")
        record.check_access("read")

    def _follow(self, action, user):
        """A button opening a window needs rights on what it opens."""
        if not isinstance(action, dict) or action.get("type") != "ir.actions.act_window":
            return
        Model = self.env[action["res_model"]].with_user(user)
        if action.get("res_id"):
            Model.browse(action["res_id"]).check_access("read")
        elif action.get("view_mode") == "form":
            Model.check_access("create")
        else:
            Model.check_access("read")

    def _press(self, doc, spec, button, user):
        """Open the record (or the wizard) as ``user`` and press ``button``."""
        if spec.wizard:
            record = self.env[doc.model].with_user(user).create(spec.wizard(self))
        else:
            record = self.fx[(spec.buttons or {}).get(button, spec.record)].with_user(user)
            self._read(record)
        self._follow(getattr(record, f"action_{button}")(), user)

    def _crud(self, doc, spec, user):
        """{op: allowed} for the operations checked on ``doc``."""
        if spec.wizard:
            Model = self.env[doc.model].with_user(user)
            return {"c": self._allowed(lambda: Model.create(spec.wizard(self)))}
        record = self.fx[spec.record].with_user(user)
        allowed = {"r": self._allowed(lambda: self._read(record))}
        if spec.create:
            Model = self.env[doc.model].with_user(user)
            allowed["c"] = self._allowed(lambda: Model.create(spec.create(self)))
            allowed["w"] = self._allowed(lambda: record.write(self._write_vals(spec)))
            allowed["d"] = self._allowed(record.unlink)
        return allowed

    def _write_vals(self, spec):
        return spec.write(self) if callable(spec.write) else spec.write

    def _sees_other(self, spec, user, crud):
        """Whether ``user`` reaches the other owner's record (None: no check)."""
        if not (spec.other and crud.get("r")):
            return None
        other = self.fx[spec.other].with_user(user)
        sees = self._allowed(lambda: self._read(other))
        if not sees and crud.get("w"):
            writes = self._allowed(lambda: other.write(self._write_vals(spec)))
            self.assertFalse(writes, f"{user.login} writes {other}, which it cannot read")
        return sees

    def _actual(self, doc, spec, user):
        """The cell ``user`` really gets, in the table's notation."""
        crud = self._crud(doc, spec, user)
        sees_other = self._sees_other(spec, user, crud)
        buttons = tuple(
            button
            for button in doc.buttons
            if self._allowed(lambda b=button: self._press(doc, spec, b, user))
        )
        return Cell(frozenset(op for op, ok in crud.items() if ok), sees_other is False, buttons)

    def _check_buttons_work(self, doc, spec):
        """Every button works for the superuser on its record: a role refused
        is refused for its rights, not for the record's state."""
        for button in doc.buttons:
            error = self._refusal(lambda b=button: self._press(doc, spec, b, self.env.user))
            self.assertIsNone(error, f"{doc.label}: {button} fails on its fixture")

    def _check_row(self, doc):
        spec = SPECS[doc.key]
        self._check_buttons_work(doc, spec)
        mismatches = []
        for role in ROLE_KEYS:
            expected = expected_cell(doc, role)
            if expected.own:
                self.assertTrue(spec.other, f"{doc.label}: 'own' needs another owner's record")
            actual = self._actual(doc, spec, self.role_users[role])
            if actual != expected:
                mismatches.append(
                    f'{doc.key}, {ROLES[role][0]}: expected "{expected}", found "{actual}"'
                )
        self.assertFalse(mismatches, "\n" + "\n".join(mismatches))

    # ----------------------------------------------------------------- tests
    def test_users_have_exactly_their_role(self):
        """Each user has his role and what it implies, nothing more."""
        for role, (_label, group) in ROLES.items():
            user = self.role_users[role]
            self.assertTrue(user.has_group(group), role)
            others = {r for r in ROLES if r != role and user.has_group(ROLES[r][1])}
            self.assertEqual(others, IMPLIED_ROLES.get(role, {USER}), role)

    def test_company_b_documents_are_invisible(self):
        """A user of company A sees nothing of company B: searched, nothing is
        found; browsed, reading raises AccessError."""
        leaks = []
        for doc in ACCESS:
            spec = SPECS[doc.key]
            if not spec.company_b:
                continue
            record_b = self.fx[spec.company_b]
            self.assertNotEqual(record_b.company_id, self.company, doc.key)
            for role in ROLE_KEYS:
                if "r" not in expected_cell(doc, role).crud:
                    continue
                as_user = record_b.with_user(self.role_users[role])
                if as_user.search([("id", "in", record_b.ids)]):
                    leaks.append(f"{doc.key}: {role} finds it")
                if self._allowed(lambda r=as_user: r.read(["create_date"])):
                    leaks.append(f"{doc.key}: {role} reads it")
        self.assertFalse(leaks, "\n".join(leaks))

    def test_every_company_document_is_checked_in_company_b(self):
        for doc in ACCESS:
            Model = self.env[doc.model]
            company = Model._fields.get("company_id")
            is_suite_document = SPECS[doc.key].create and not Model._transient
            if is_suite_document and company and company.store:
                self.assertTrue(SPECS[doc.key].company_b, f"{doc.key} has a company")

    def test_every_model_of_the_suite_is_in_the_table(self):
        suite = {
            "spare_parts_base",
            "spare_parts_personal_wh",
            "spare_parts_repair",
            "spare_parts_purchase",
            "warranty_sales",
            "sales_inventory_b2b",
        }
        models = {
            name
            for name, Model in self.env.registry.items()
            if Model._original_module in suite and not Model._abstract
        }
        lines_of_wizards = {"spare.parts.bill.comparison.line"}
        listed = {doc.model for doc in ACCESS}
        self.assertEqual(models - listed - lines_of_wizards, set())
        self.assertEqual(set(SPECS), set(DOCS))

    def test_readme_shows_the_table(self):
        table = render_table()
        self.assertTrue(
            table in README.read_text(encoding="utf-8"),
            f"README.md, section Access rights, must show this table:\n{table}",
        )


def _row_test(doc):
    def test(self):
        self._check_row(doc)

    test.__name__ = f"test_{doc.key}"
    test.__doc__ = f"Every role against {doc.label}."
    return test


for _doc in ACCESS:
    setattr(TestAccessMatrix, f"test_{_doc.key}", _row_test(_doc))
