/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* SP-31: an engineer's day on a 390 px wide phone, one tour per task so that
   each leaves a picture of its screen. Every step that clicks is a tap; the
   test counts them. tests/test_mobile_tours.py checks the stock afterwards. */

const tours = registry.category("web_tour.tours");

/* Nothing on the screen is wider than the phone: no sideways scrolling. */
function fitsThePhone(what) {
    return {
        content: `${what} fits the screen without horizontal scrolling`,
        trigger: "body",
        run() {
            const width = document.documentElement.clientWidth;
            const tooWide = [
                ...document.querySelectorAll(
                    ".o_form_sheet *, .o_kanban_renderer *, .o_form_statusbar *, .o_control_panel *"
                ),
            ]
                .filter((el) => el.offsetParent !== null)
                .filter((el) => el.getBoundingClientRect().right > width + 1);
            const scrollers = [...document.querySelectorAll(".o_content, .o_form_sheet_bg")].filter(
                (el) => el.scrollWidth > el.clientWidth + 1
            );
            if (tooWide.length || scrollers.length) {
                const names = [...tooWide, ...scrollers]
                    .slice(0, 5)
                    .map((el) => `${el.tagName}.${el.className}`);
                throw new Error(`Wider than ${width}px: ${names.join(", ")}`);
            }
        },
    };
}

tours.add("spare_parts_mobile_my_day", {
    steps: () => [
        {
            content: "My Day lists the work order planned today, with its address",
            trigger: ".o_spare_parts_my_day .o_kanban_record:contains(Acme Dairy):contains(Leeuwarden)",
        },
        fitsThePhone("My Day"),
        {
            content: "Tap the work order",
            trigger: ".o_spare_parts_my_day .o_kanban_record:contains(Acme Dairy)",
            run: "click",
        },
        {
            content: "The parts are cards with labelled buttons",
            trigger: ".o_spare_parts_part_cards .o_kanban_record button[name=action_consume]:contains(Consume)",
        },
        fitsThePhone("The work order"),
    ],
});

tours.add("spare_parts_mobile_scan", {
    steps: () => [
        {
            content: "Scan the serial of the new control board (typed as a scanner does)",
            trigger: ".o_spare_parts_scan input",
            run: "edit CB-0002",
        },
        {
            content: "The scanner ends with Enter",
            trigger: ".o_spare_parts_scan input",
            run: "press Enter",
        },
        {
            content: "The board is on the work order with its serial",
            trigger: ".o_spare_parts_part_cards .o_kanban_record:contains(CB-0002) button[name=action_consume]",
        },
        fitsThePhone("The scanned part"),
    ],
});

tours.add("spare_parts_mobile_consume", {
    steps: () => [
        {
            content: "Consume the scanned board",
            trigger: ".o_spare_parts_part_cards .o_kanban_record:contains(CB-0002) button[name=action_consume]",
            run: "click",
        },
        {
            content: "It is consumed",
            trigger: ".o_spare_parts_part_cards .o_kanban_record:contains(CB-0002):contains(Consumed)",
        },
    ],
});

tours.add("spare_parts_mobile_request", {
    steps: () => [
        {
            content: "Request the parts this work order still lacks",
            trigger: "button[name=action_request_parts]",
            run: "click",
        },
        {
            content: "The request is prefilled: submit it",
            trigger: ".o_form_view:has(.o_field_widget[name=line_ids]:contains(Drive Belt)) button[name=action_submit]",
            run: "click",
        },
        {
            content: "Submitted",
            trigger: ".o_statusbar_status:contains(Submitted)",
        },
        fitsThePhone("The request"),
    ],
});

tours.add("spare_parts_mobile_return", {
    steps: () => [
        {
            content: "Return what this work order did not use",
            trigger: "button[name=action_return_parts]",
            run: "click",
        },
        {
            content: "The return is prefilled: send it",
            trigger: ".o_form_view:has(.o_field_widget[name=line_ids]:contains(Air Filter)) button[name=action_send]",
            run: "click",
        },
        {
            content: "Sent",
            trigger: ".o_statusbar_status:contains(Sent)",
        },
        fitsThePhone("The return"),
    ],
});

tours.add("spare_parts_mobile_my_parts", {
    steps: () => [
        {
            content: "My Parts are cards: part, quantity and the work order they are for",
            trigger: ".o_spare_parts_my_parts .o_kanban_record:contains(Air Filter):contains(2.00):contains(Service visit)",
        },
        {
            content: "Parts no longer in the van are not listed",
            trigger: ".o_spare_parts_my_parts:not(:has(.o_kanban_record:contains(CB-0002)))",
        },
        fitsThePhone("My Parts"),
    ],
});

/* SP-14 and SP-32: the service BOM and old parts buttons fit the phone too. */
tours.add("spare_parts_mobile_service_bom", {
    steps: () => [
        {
            content: "Both buttons are on the work order",
            trigger: "button[name=action_request_service_bom]:contains(Request from Service BOM)",
        },
        {
            content: "Return Old Parts is there too",
            trigger: "button[name=action_return_old_parts]:contains(Return Old Parts)",
        },
        fitsThePhone("The work order with its service BOM button"),
        {
            content: "Request the service BOM parts the van lacks",
            trigger: "button[name=action_request_service_bom]",
            run: "click",
        },
        {
            content: "The draft request lists the missing filters",
            trigger: ".o_form_view:has(.o_field_widget[name=line_ids]:contains(Air Filter)) button[name=action_submit]",
        },
        fitsThePhone("The request from the service BOM"),
    ],
});
