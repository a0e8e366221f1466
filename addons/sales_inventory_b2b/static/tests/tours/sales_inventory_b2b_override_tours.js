/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* An order administrator: no Confirm Despite Shortage on an empty quotation;
   on a quotation short of stock it asks a reason, confirms and logs the reason
   in the chatter. tests/test_tours_override.py checks the order after. */

const overrideButton = ".o_form_statusbar button[name=action_b2b_open_confirm_override]";

registry.category("web_tour.tours").add("sales_b2b_confirm_despite_shortage", {
    steps: () => [
        {
            content: "New quotation",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "An empty quotation is not blocked: no override",
            trigger: `.o_form_statusbar:has(button[name=action_confirm]):not(:has(${overrideButton}))`,
        },
        {
            content: "Back to the quotations",
            trigger: ".o_back_button",
            run: "click",
        },
        {
            content: "Open the quotation of 12 switches (10 in stock)",
            trigger: ".o_data_row:contains('Distributor One') td[name=name]",
            run: "click",
        },
        {
            content: "Blocked: the override is offered",
            trigger: overrideButton,
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal div[name=reason] textarea",
            run: "edit Two more arrive tomorrow",
        },
        {
            content: "Confirm despite the shortage",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_statusbar_status button[data-value='sale'][aria-checked='true']",
        },
        {
            content: "The reason is in the chatter",
            trigger: ".o-mail-Message-body:contains('Two more arrive tomorrow')",
        },
        {
            content: "No override on a confirmed order",
            trigger: `.o_form_statusbar:not(:has(${overrideButton}))`,
        },
    ],
});
