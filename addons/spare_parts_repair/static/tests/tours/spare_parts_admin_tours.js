/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* The spare parts administrator's desk at 1440 x 900, one tour per task so
   each leaves its screen; tests/test_admin_tours.py checks the stock. */

const tours = registry.category("web_tour.tours");

function openRow(text) {
    return {
        content: `Open ${text}`,
        trigger: `.o_list_view .o_data_row:contains(${text}) .o_data_cell`,
        run: "click",
    };
}

function statusIs(label) {
    return {
        content: `The document is now ${label}`,
        trigger: `.o_statusbar_status button[aria-checked='true']:contains(${label})`,
    };
}

tours.add("spare_parts_admin_approve", {
    steps: () => [
        openRow("sp_engineer"),
        {
            content: "The lines show what the warehouse has",
            trigger: ".o_field_widget[name=line_ids] td[name=qty_available]:contains(10.00)",
        },
        {content: "Approve", trigger: "button[name=action_approve]", run: "click"},
        statusIs("Approved"),
    ],
});

tours.add("spare_parts_admin_ship_all", {
    steps: () => [
        openRow("sp_engineer"),
        {content: "Ship everything", trigger: "button[name=action_ship]", run: "click"},
        {
            content: "Nothing is left to ship: the button is gone, receipt is awaited",
            trigger: ".o_form_view:not(:has(button[name=action_ship])) button[name=action_receive]",
        },
    ],
});

tours.add("spare_parts_admin_receive_return", {
    steps: () => [
        openRow("sp_engineer"),
        {content: "Receive the returned parts", trigger: "button[name=action_receive]", run: "click"},
        statusIs("Received"),
    ],
});

tours.add("spare_parts_admin_repair_plan", {
    steps: () => [
        {
            content: "Select the defective control board",
            trigger: ".o_list_view .o_data_row:contains(CB-0003) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Create a repair plan for it",
            trigger: ".o_control_panel button[name=action_create_repair_plan], .o_list_view button[name=action_create_repair_plan]",
            run: "click",
        },
        {
            content: "Start the repairs",
            trigger: ".o_form_view:has(.o_field_widget[name=line_ids]:contains(CB-0003)) button[name=action_generate_repairs]",
            run: "click",
        },
        statusIs("In Progress"),
    ],
});

tours.add("spare_parts_admin_work_order_parts", {
    steps: () => [
        {content: "Open the Parts tab", trigger: ".o_notebook a:contains(Parts)", run: "click"},
        {
            content: "Each planned part has labelled buttons",
            trigger: ".o_field_widget[name=part_line_ids] button[name=action_consume]:contains(Consume)",
        },
        {
            content: "The parts list fits the screen (no horizontal scrolling)",
            trigger: ".o_field_widget[name=part_line_ids] .o_list_renderer",
            run() {
                const list = document.querySelector(
                    ".o_field_widget[name=part_line_ids] .o_list_renderer"
                );
                if (list.scrollWidth > list.clientWidth + 1) {
                    throw new Error(
                        `The parts list is ${list.scrollWidth}px wide in ${list.clientWidth}px`
                    );
                }
            },
        },
    ],
});
