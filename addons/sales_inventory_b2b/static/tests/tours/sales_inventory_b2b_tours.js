/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* A sales person enters an order, sees the available inventory on the line and
   the block message, then orders what is available. tests/test_tours.py checks
   the order and the reservation afterwards. */

const tours = registry.category("web_tour.tours");

const qtyInput =
    ".o_field_widget[name=order_line] .o_selected_row .o_field_widget[name=product_uom_qty] input";
const availableCell =
    ".o_field_widget[name=order_line] .o_data_row td[name=b2b_available_qty]";

function leaveLine() {
    return [
        {
            content: "Leave the line",
            trigger: ".o_notebook .nav-link[name=order_lines]",
            run: "click",
        },
        {
            content: "The line is saved in the order",
            trigger:
                ".o_field_widget[name=order_line] table:not(:has(.o_selected_row))",
        },
    ];
}

tours.add("sales_b2b_order_blocked", {
    steps: () => [
        {
            content: "New quotation",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Distributor One",
        },
        {
            content: "Choose the customer",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Distributor One')",
            run: "click",
        },
        {
            content: "Add a product",
            trigger: ".o_field_widget[name=order_line] a:contains('Add a product')",
            run: "click",
        },
        {
            content: "Search the switch",
            trigger:
                ".o_field_widget[name=order_line] .o_selected_row div[name=product_template_id] input",
            run: "edit Switch",
        },
        {
            content: "Choose the switch",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Switch')",
            run: "click",
        },
        {
            content: "Twelve of them",
            trigger: qtyInput,
            run: "edit 12",
        },
        ...leaveLine(),
        {
            content: "Only 10 are available in the warehouse: shown in red",
            trigger: `${availableCell}.text-danger:contains('10.00')`,
        },
        {
            content: "Confirm",
            trigger: ".o_form_statusbar button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The block rule refuses and says why",
            trigger:
                ".o_error_dialog:contains('cannot be confirmed'):contains('needed 12.00 Units, available 10.00 Units (B2B Warehouse A)')",
        },
    ],
});

tours.add("sales_b2b_order_available", {
    steps: () => [
        {
            content: "Open the quotation",
            trigger: ".o_data_row:contains('Distributor One') td[name=name]",
            run: "click",
        },
        {
            content: "Edit the quantity",
            trigger:
                ".o_field_widget[name=order_line] .o_data_row td[name=product_uom_qty]",
            run: "click",
        },
        {
            content: "Order what is available",
            trigger: qtyInput,
            run: "edit 10",
        },
        ...leaveLine(),
        {
            content: "Not short any more",
            trigger: `${availableCell}:not(.text-danger):contains('10.00')`,
        },
        {
            content: "Confirm",
            trigger: ".o_form_statusbar button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger:
                ".o_statusbar_status button[data-value='sale'][aria-checked='true']",
        },
    ],
});
