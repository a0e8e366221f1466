/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* A distributor's clerk on the customer portal: he opens his shipment, confirms
   its receipt with a discrepancy note, then requests a return of one unit from
   his order. tests/test_portal_tours.py checks the documents afterwards. The
   same steps run on a phone (390 px) and on a desktop (1440 px). */

const tours = registry.category("web_tour.tours");

function portalSteps() {
    return [
        {
            content: "Shipments on the portal home",
            expectUnloadPage: true,
            trigger: "a[href='/my/b2b_shipments']",
            run: "click",
        },
        {
            content: "Open the shipment to confirm",
            expectUnloadPage: true,
            trigger: ".o_b2b_portal_shipment:has(.text-bg-warning) a",
            run: "click",
        },
        {
            content: "The shipped serial is listed",
            trigger: ".o_b2b_portal_serials:contains('SN-PORTAL-1')",
        },
        {
            content: "Describe the discrepancy",
            trigger: ".o_b2b_portal_confirm_receipt textarea[name=note]",
            run: "edit One switch arrived with a cracked housing",
        },
        {
            content: "Confirm the receipt",
            expectUnloadPage: true,
            trigger: ".o_b2b_portal_confirm_receipt button[type=submit]",
            run: "click",
        },
        {
            content: "The shipment is received",
            trigger: ".o_b2b_portal_shipment_page .text-bg-success",
        },
        {
            content: "Return items of this shipment",
            expectUnloadPage: true,
            trigger: ".o_b2b_portal_return_shipment",
            run: "click",
        },
        {
            content: "The shipment's lines are offered",
            trigger: ".o_b2b_portal_return_form tr:contains('Switch') input[type=number]",
            run: "edit 1",
        },
        {
            content: "Give a reason",
            trigger: ".o_b2b_portal_return_form input[name=reason]",
            run: "edit Cracked housing",
        },
        {
            content: "Send the request",
            expectUnloadPage: true,
            trigger: ".o_b2b_portal_return_form button[type=submit]",
            run: "click",
        },
        {
            content: "The request is a draft for the sales person",
            trigger: ".o_b2b_portal_return_page .o_b2b_portal_return_state:contains('Draft')",
        },
    ];
}

tours.add("sales_b2b_portal_phone", {steps: portalSteps});
tours.add("sales_b2b_portal_desktop", {steps: portalSteps});
