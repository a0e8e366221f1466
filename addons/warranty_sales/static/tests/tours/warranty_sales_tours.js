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

/* A new quotation for Nordic Dairy Farm with ``quantity`` teat cup liners. */
function quoteTeatCups(quantity) {
    return [
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
            content: `${quantity} of them`,
            trigger: `${editedLine} div[name=product_uom_qty] input`,
            run: `edit ${quantity}`,
        },
    ];
}

registry.category("web_tour.tours").add("warranty_sales_goodwill", {
    steps: () => [
        ...quoteTeatCups(2),
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
        {
            content: "The warranty ended, goodwill still runs: shown as the line is entered",
            trigger: `${editedLine} div[name=warranty_badge]:contains('Goodwill until')`,
        },
        ...leaveLine(),
        {
            content: "Check the warranty",
            trigger: ".o_form_statusbar button[name=action_warranty_check]",
            run: "click",
        },
        {
            content: "Still in goodwill after the check",
            trigger: `${lines} .o_data_row td[name=warranty_badge]:contains('Goodwill until')`,
        },
        {
            content: "Apply goodwill",
            trigger: `${lines} .o_data_row button[name=action_warranty_apply_goodwill]`,
            run: "click",
        },
        {
            content: "Free, as goodwill",
            trigger: `${lines} .o_data_row:has(td[name=price_unit]:contains('0.00')) td[name=warranty_badge]:contains('Goodwill applied')`,
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
            trigger: `${lines} .o_data_row:has(td[name=price_subtotal]:contains('40.00')) td[name=warranty_badge]:contains('Goodwill applied')`,
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

/* A part sold for equipment in warranty: the dropdown tells the warranty
   status, and the line is free as soon as the equipment is chosen, with a badge
   saying until when and who pays; no button to press. The lines list has no
   horizontal scroll bar. */
registry.category("web_tour.tours").add("warranty_sales_in_warranty", {
    steps: () => [
        ...quoteTeatCups(3),
        {
            content: "Search the equipment by its serial",
            trigger: `${editedLine} div[name=warranty_equipment_id] input`,
            run: "edit MR-0001",
        },
        {
            content: "The dropdown tells the warranty status",
            trigger:
                ".o-autocomplete--dropdown-item > a:contains('Milking Robot / MR-0001 (in warranty until')",
            run: "click",
        },
        {
            content: "Free at once, with the warranty badge",
            trigger: `${editedLine} div[name=warranty_badge]:contains('In warranty until'):contains('paid by Robot Works Ltd')`,
        },
        ...leaveLine(),
        {
            content: "The saved line shows the warranty price",
            trigger: `${lines} .o_data_row td[name=price_subtotal]:contains('0.00')`,
        },
        {
            content: "The badge stays on the line",
            trigger: `${lines} .o_data_row td[name=warranty_badge] .badge:contains('In warranty until')`,
        },
        {
            content: "The lines list fits the screen: no horizontal scroll",
            trigger: `${lines} .o_list_renderer`,
            run() {
                const list = document.querySelector(`${lines} .o_list_renderer`);
                if (list.scrollWidth > list.clientWidth + 1) {
                    const columns = [...list.querySelectorAll("thead th")].map(
                        (th) => `${th.dataset.name || th.className}=${th.offsetWidth}`
                    );
                    throw new Error(
                        `The order lines scroll horizontally: ${list.scrollWidth}px in ${
                            list.clientWidth
                        }px (${columns.join(", ")})`
                    );
                }
            },
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
