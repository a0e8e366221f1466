/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* SP-27: serials scanned on a receipt show on it at once. */
registry.category("web_tour.tours").add("spare_parts_receipt_scan", {
    steps: () => [
        {
            content: "Scan the control board's barcode",
            trigger: ".o_spare_parts_scan input",
            run: "edit SP-CB",
        },
        {content: "The scanner ends with Enter", trigger: ".o_spare_parts_scan input", run: "press Enter"},
        {content: "Scan the first serial", trigger: ".o_spare_parts_scan input", run: "edit CB-2001"},
        {content: "Enter", trigger: ".o_spare_parts_scan input", run: "press Enter"},
        {
            content: "The serial is on the receipt without reloading the page",
            trigger: ".o_field_widget[name=spare_parts_scanned_serials]:contains(CB-2001)",
        },
    ],
});
