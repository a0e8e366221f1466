/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";

/* The administrator's Overview (SP-31). tests/test_overview.py makes the
   documents; the numbers below are its EXPECTED counts. */

const tours = registry.category("web_tour.tours");

const OVERVIEW = ".o_spare_parts_overview";

// [card, count button text, late count or 0]
const CARDS = [
    ["Catalogue Requests", "1 To Answer", 0],
    ["Requests to Approve", "2 To Approve", 1],
    ["Requests to Ship", "1 To Ship", 0],
    ["Returns to Receive", "1 To Receive", 0],
    ["Engineer Transfers", "1 To Accept", 0],
    ["Warranty Replacements", "1 To Approve", 0],
    ["Cores to Return", "1 To Send Back", 0],
    ["Inventory Warnings", "1 Below Minimum", 0],
    ["Negative Stock", "1 To Investigate", 0],
    ["Work Orders with Parts Planned", "1 Open", 0],
];

function listShows(title, count) {
    return [
        {
            content: `The list is titled ${title}`,
            trigger: `.o_breadcrumb .active:contains('${title}')`,
        },
        {
            content: `It shows ${count} records`,
            trigger: ".o_list_view .o_data_row",
            run() {
                const rows = document.querySelectorAll(
                    ".o_list_view .o_data_row"
                ).length;
                if (rows !== count) {
                    throw new Error(
                        `${title}: ${rows} records listed, ${count} counted`
                    );
                }
            },
        },
        {
            content: "Back to the Overview",
            trigger: ".o_breadcrumb a:contains('Overview')",
            run: "click",
        },
        {
            content: "The Overview again",
            trigger: `${OVERVIEW} .o_kanban_record`,
        },
    ];
}

function cardSteps([card, text, late]) {
    const record = `${OVERVIEW} .o_kanban_record:contains('${card}')`;
    const steps = [
        {
            content: `${card}: ${text}`,
            trigger: `${record} button.o_spare_parts_overview_count:contains('${text}')`,
            run: "click",
        },
        ...listShows(card, Number(text.split(" ")[0])),
    ];
    if (late) {
        steps.push(
            {
                content: `${card}: ${late} Late`,
                trigger: `${record} button.o_spare_parts_overview_late:contains('${late} Late')`,
                run: "click",
            },
            ...listShows(`${card}: Late`, late)
        );
    }
    return steps;
}

tours.add("spare_parts_overview_landing", {
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open Spare Parts",
            trigger: ".o_app[data-menu-xmlid='spare_parts_base.menu_spare_parts_root']",
            run: "click",
        },
        {
            content: "The administrator lands on the Overview",
            trigger: `.o_breadcrumb .active:contains('Overview'):not(:contains('Cards'))`,
        },
        {
            content: "with its cards",
            trigger: `${OVERVIEW} .o_kanban_record:contains('Requests to Approve')`,
        },
    ],
});

tours.add("spare_parts_overview_cards", {
    steps: () => [
        {
            content: "The Overview",
            trigger: `${OVERVIEW} .o_kanban_record`,
        },
        ...CARDS.flatMap(cardSteps),
        {
            content: "Each card draws its week",
            trigger: `${OVERVIEW} .o_kanban_record:contains('Catalogue Requests') .o_dashboard_graph canvas`,
        },
    ],
});
