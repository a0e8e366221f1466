/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* The flows engineers and administrators use most, driven in a real browser.
   Their effect on stock is checked by tests/test_tours.py. */

const tours = registry.category("web_tour.tours");

function pickMany2one(fieldSelector, search, label) {
    return [
        {
            content: `Search ${search}`,
            trigger: `${fieldSelector} input`,
            run: `edit ${search}`,
        },
        {
            content: `Choose ${label}`,
            trigger: `.o-autocomplete--dropdown-item > a:contains('${label}')`,
            run: "click",
        },
    ];
}

function statusIs(value) {
    return {
        content: `The document is now ${value}`,
        trigger: `.o_statusbar_status button[data-value='${value}'][aria-checked='true']`,
    };
}

tours.add("spare_parts_engineer_request", {
    steps: () => [
        {
            content: "New parts request",
            trigger: ".o_list_button_add",
            run: "click",
        },
        ...pickMany2one(
            ".o_field_widget[name=ticket_id]",
            "Service visit",
            "Acme Dairy"
        ),
        {
            content: "Add a part",
            trigger: ".o_field_widget[name=line_ids] .o_field_x2many_list_row_add > a",
            run: "click",
        },
        ...pickMany2one(
            ".o_field_widget[name=line_ids] .o_selected_row .o_field_widget[name=product_id]",
            "SP-AF",
            "Air Filter"
        ),
        {
            content: "Three of them",
            trigger:
                ".o_field_widget[name=line_ids] .o_selected_row .o_field_widget[name=quantity] input",
            run: "edit 3",
        },
        {
            content: "Submit the request",
            trigger: ".o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        statusIs("submitted"),
    ],
});

tours.add("spare_parts_engineer_consume", {
    steps: () => [
        {
            content: "Open the approved request",
            trigger: ".o_data_row:contains('Acme Dairy') td[name=name]",
            run: "click",
        },
        {
            content: "Acknowledge receipt of the parts",
            trigger: ".o_form_statusbar button[name=action_receive]",
            run: "click",
        },
        statusIs("done"),
        {
            content: "Go to its work order",
            trigger: ".o_field_widget[name=ticket_id] a.o_form_uri",
            run: "click",
        },
        {
            content: "Parts tab",
            trigger: ".o_notebook .nav-link[name=spare_parts]",
            run: "click",
        },
        {
            content: "Plan a part",
            trigger:
                ".o_field_widget[name=part_line_ids] .o_field_x2many_list_row_add > a",
            run: "click",
        },
        ...pickMany2one(
            ".o_field_widget[name=part_line_ids] .o_selected_row .o_field_widget[name=product_id]",
            "SP-AF",
            "Air Filter"
        ),
        {
            content: "Two of them",
            trigger:
                ".o_field_widget[name=part_line_ids] .o_selected_row .o_field_widget[name=quantity] input",
            run: "edit 2",
        },
        {
            content: "Consume the planned parts",
            trigger: ".o_form_statusbar button[name=action_consume_parts]",
            run: "click",
        },
        {
            content: "The line is consumed",
            trigger:
                ".o_field_widget[name=part_line_ids] .o_data_row td[name=state]:contains('Consumed')",
        },
    ],
});

tours.add("spare_parts_admin_ship", {
    steps: () => [
        {
            content: "Open the submitted request",
            trigger: ".o_data_row:contains('Submitted') td[name=name]",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_form_statusbar button[name=action_approve]",
            run: "click",
        },
        statusIs("approved"),
        {
            content: "Edit what ships now",
            trigger: ".o_field_widget[name=line_ids] .o_data_row td[name=qty_to_ship]",
            run: "click",
        },
        {
            content: "Four of the six now, the rest later",
            trigger:
                ".o_field_widget[name=line_ids] .o_selected_row .o_field_widget[name=qty_to_ship] input",
            run: "edit 4",
        },
        {
            content: "Ship",
            trigger: ".o_form_statusbar button[name=action_ship]",
            run: "click",
        },
        {
            content: "Four shipped",
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row td[name=qty_shipped]:contains('4')",
        },
        {
            content: "Three transfers: shipped, its backorder, and the leg to the van",
            trigger: "button[name=action_view_pickings] .o_stat_value:contains('3')",
        },
    ],
});
