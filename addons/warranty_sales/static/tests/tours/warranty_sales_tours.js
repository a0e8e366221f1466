/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* A sales person sells a part for a customer's equipment whose warranty ended
   but is still in its goodwill period: Check Warranty, Apply Goodwill, then the
   customer pays part of the price. tests/test_tours.py checks the line after. */

const lines = ".o_field_widget[name=order_line]";
const editedLine = `${lines} .o_selected_row`;

function leaveLine() {
    return [
        {
            content: "Leave the line",
            trigger: ".o_notebook .nav-link[name=order_lines]",
            run: "click",
        },
        {
            content: "The line is saved in the order",
            trigger: `${lines} table:not(:has(.o_selected_row))`,
        },
    ];
}

registry.category("web_tour.tours").add("warranty_sales_goodwill", {
    steps: () => [
        {
            content: "New quotation",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Nordic Dairy",
        },
        {
            content: "Choose the customer",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Nordic Dairy Farm')",
            run: "click",
        },
        {
            content: "Add a product",
            trigger: `${lines} a:contains('Add a product')`,
            run: "click",
        },
        {
            content: "Search the part",
            trigger: `${editedLine} div[name=product_template_id] input`,
            run: "edit Teat Cup",
        },
        {
            content: "Choose the part",
            trigger: ".o-autocomplete--dropdown-item > a:contains('Teat Cup Liner')",
            run: "click",
        },
        {
            content: "Two of them",
            trigger: `${editedLine} div[name=product_uom_qty] input`,
            run: "edit 2",
        },
        {
            content: "Sold for the customer's milking robot, found by its serial",
            trigger: `${editedLine} div[name=warranty_equipment_id] input`,
            run: "edit MR-0001",
        },
        {
            content: "Choose the equipment",
            trigger:
                ".o-autocomplete--dropdown-item > a:contains('Milking Robot / MR-0001')",
            run: "click",
        },
        ...leaveLine(),
        {
            content: "Check the warranty",
            trigger: ".o_form_statusbar button[name=action_warranty_check]",
            run: "click",
        },
        {
            content: "The warranty ended, goodwill still runs",
            trigger: `${lines} .o_data_row td[name=warranty_message]:contains('Qualified for goodwill')`,
        },
        {
            content: "Apply goodwill",
            trigger: `${lines} .o_data_row button[name=action_warranty_apply_goodwill]`,
            run: "click",
        },
        {
            content: "Free, as goodwill",
            trigger: `${lines} .o_data_row:has(td[name=price_unit]:contains('0.00')) td[name=warranty_price_origin]:contains('Goodwill')`,
        },
        {
            content: "Edit the price",
            trigger: `${lines} .o_data_row td[name=price_unit]`,
            run: "click",
        },
        {
            content: "The customer pays 20 a piece",
            trigger: `${editedLine} div[name=price_unit] input`,
            run: "edit 20",
        },
        ...leaveLine(),
        {
            content: "Still goodwill, 40 for the line",
            trigger: `${lines} .o_data_row:has(td[name=price_subtotal]:contains('40.00')) td[name=warranty_price_origin]:contains('Goodwill')`,
        },
        {
            content: "Save",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
