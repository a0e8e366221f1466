/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* SP-31: an engineer's day on a 390 px wide phone, one tour per task so that
   each leaves a picture of its screen. Every step that clicks is a tap; the
   test counts them. tests/test_mobile_tours.py checks the stock afterwards. */

const tours = registry.category("web_tour.tours");

/* Taps are counted as the tour presses them, in sessionStorage (it survives a
   page load), where the test reads the count when the tour ends. */
const TAP_KEY = "spare_parts_tour_taps";

function startCounting() {
    return {
        content: "Start counting taps",
        trigger: "body",
        run() {
            sessionStorage.setItem(TAP_KEY, "0");
        },
    };
}

function tap(step) {
    return {
        ...step,
        async run(helpers) {
            sessionStorage.setItem(TAP_KEY, String(Number(sessionStorage.getItem(TAP_KEY)) + 1));
            await helpers.click();
        },
    };
}

function reportTaps(task) {
    return {
        content: `Report the taps of "${task}"`,
        trigger: "body",
        run() {
            console.log(`spare_parts_taps ${task}: ${sessionStorage.getItem(TAP_KEY)}`);
        },
    };
}

/* A tour counting its taps: steps wrapped between the counter's start and report. */
function task(name, steps) {
    return {steps: () => [startCounting(), ...steps, reportTaps(name)]};
}

/* Nothing on the screen is wider than the phone: no sideways scrolling. */
function fitsThePhone(what) {
    return {
        content: `${what} fits the screen without horizontal scrolling, every label whole`,
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
            const clipped = [
                ...document.querySelectorAll(
                    ".o_kanban_record button, .o_kanban_record .badge, .o_form_view button, .modal button"
                ),
            ]
                .filter((el) => el.offsetParent !== null && el.textContent.trim())
                .filter((el) => el.scrollWidth > el.clientWidth + 1);
            if (clipped.length) {
                const labels = clipped.slice(0, 5).map((el) => `"${el.textContent.trim()}"`);
                throw new Error(`Labels cut off at ${width}px: ${labels.join(", ")}`);
            }
            if (tooWide.length || scrollers.length) {
                const names = [...tooWide, ...scrollers]
                    .slice(0, 5)
                    .map((el) => `${el.tagName}.${el.className}`);
                throw new Error(`Wider than ${width}px: ${names.join(", ")}`);
            }
        },
    };
}

tours.add(
    "spare_parts_mobile_my_day",
    task("open today's work order", [
        {
            content: "My Day lists the work order planned today, with its address",
            trigger: ".o_spare_parts_my_day .o_kanban_record:contains(Acme Dairy):contains(Leeuwarden)",
        },
        {
            content: "The card counts the parts planned in good English",
            trigger: ".o_spare_parts_my_day .o_kanban_record:contains(Acme Dairy) .o_spare_parts_planned_count:contains(parts planned)",
        },
        fitsThePhone("My Day"),
        tap({
            content: "Tap the work order",
            trigger: ".o_spare_parts_my_day .o_kanban_record:contains(Acme Dairy)",
        }),
        {
            content: "The parts are cards with labelled buttons",
            trigger: ".o_spare_parts_part_cards .o_kanban_record button[name=action_consume]:contains(Consume)",
        },
        fitsThePhone("The work order"),
    ])
);

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

tours.add(
    "spare_parts_mobile_consume",
    task("consume a part", [
        tap({
            content: "Consume the scanned board",
            trigger: ".o_spare_parts_part_cards .o_kanban_record:contains(CB-0002) button[name=action_consume]",
        }),
        {
            content: "It is consumed",
            trigger: ".o_spare_parts_part_cards .o_kanban_record:contains(CB-0002):contains(Consumed)",
        },
    ])
);

/* SP-31: Consume on a board planned without its serial asks for it in place. */
function consumeWithoutSerial() {
    return [
        tap({
            content: "Consume the board planned without a serial",
            trigger: ".o_spare_parts_part_cards .o_kanban_record:contains(Control Board):contains(Planned):not(:contains(CB-000)) button[name=action_consume]",
        }),
        {
            content: "The serial is asked for right there: scan field first, then the van's serials",
            trigger: ".modal .o_spare_parts_serial_prompt .o_spare_parts_scan input",
        },
        fitsThePhone("The serial prompt"),
    ];
}

tours.add(
    "spare_parts_mobile_consume_serial_pick",
    task("consume a serial part (pick the serial)", [
        ...consumeWithoutSerial(),
        tap({
            content: "Pick CB-0003 among the serials in the van",
            trigger: ".modal .o_field_widget[name=lot_ids] .form-check:contains(CB-0003) input",
        }),
        tap({
            content: "Consume",
            trigger: ".modal footer button[name=action_confirm]",
        }),
        {
            content: "Board CB-0003 is consumed",
            trigger: "body:not(:has(.modal)) .o_spare_parts_part_cards .o_kanban_record:contains(CB-0003):contains(Consumed)",
        },
    ])
);

tours.add(
    "spare_parts_mobile_consume_serial_scan",
    task("consume a serial part (scan the serial)", [
        ...consumeWithoutSerial(),
        {
            content: "Scan CB-0001 (a scanner types it and ends with Enter)",
            trigger: ".modal .o_spare_parts_scan input",
            run: "edit CB-0001",
        },
        {
            content: "Enter",
            trigger: ".modal .o_spare_parts_scan input",
            run: "press Enter",
        },
        {
            content: "CB-0001 is picked",
            trigger: ".modal .o_field_widget[name=lot_ids] .form-check:contains(CB-0001) input:checked",
        },
        tap({
            content: "Consume",
            trigger: ".modal footer button[name=action_confirm]",
        }),
        {
            content: "Board CB-0001 is consumed",
            trigger: "body:not(:has(.modal)) .o_spare_parts_part_cards .o_kanban_record:contains(CB-0001):contains(Consumed)",
        },
    ])
);

tours.add(
    "spare_parts_mobile_request",
    task("request parts", [
        tap({
            content: "Request the parts this work order still lacks",
            trigger: "button[name=action_request_parts]",
        }),
        tap({
            content: "The request is prefilled: submit it",
            trigger: ".o_form_view:has(.o_field_widget[name=line_ids]:contains(Drive Belt)) button[name=action_submit]",
        }),
        {
            content: "Submitted",
            trigger: ".o_statusbar_status:contains(Submitted)",
        },
        fitsThePhone("The request"),
    ])
);

tours.add(
    "spare_parts_mobile_return",
    task("return unused parts", [
        tap({
            content: "Return what this work order did not use",
            trigger: "button[name=action_return_parts]",
        }),
        tap({
            content: "The return is prefilled: send it",
            trigger: ".o_form_view:has(.o_field_widget[name=line_ids]:contains(Air Filter)) button[name=action_send]",
        }),
        {
            content: "Sent",
            trigger: ".o_statusbar_status:contains(Sent)",
        },
        fitsThePhone("The return"),
    ])
);

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
