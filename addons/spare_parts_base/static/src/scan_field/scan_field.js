/** @odoo-module **/
// SP-31: a field that takes a part code, a barcode or a serial number typed on
// the keyboard, sent by a scanner (keyboard wedge, ending with Enter) or read by
// the phone's camera, and adds the part to the work order on the server.
import { Component, useRef, useState } from "@odoo/owl";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

export class SparePartsScanField extends Component {
    static template = "spare_parts_base.SparePartsScanField";
    static props = {
        ...standardFieldProps,
        placeholder: { type: String, optional: true },
    };

    setup() {
        this.input = useRef("input");
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.canUseCamera = isBarcodeScannerSupported();
        this.state = useState({ busy: false });
    }

    async submit(code) {
        const barcode = (code || "").trim();
        const record = this.props.record;
        if (!barcode || this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            if (record.isNew || (await record.isDirty())) {
                await record.save();
            }
            await this.orm.call(record.resModel, "action_spare_parts_scan", [
                [record.resId],
                barcode,
            ]);
            await record.load();
            this.input.el.value = "";
            this.notification.add(_t("%s added", barcode), { type: "success" });
        } catch (error) {
            this.notification.add(error.data?.message || error.message, { type: "danger" });
        } finally {
            this.state.busy = false;
            this.input.el?.focus();
        }
    }

    onKeydown(ev) {
        if (ev.key === "Enter") {
            ev.preventDefault();
            ev.stopPropagation();
            this.submit(ev.target.value);
        }
    }

    async onCamera() {
        let barcode = null;
        try {
            barcode = await scanBarcode(this.env);
        } catch (error) {
            this.notification.add(error.message, { type: "warning" });
        }
        if (barcode) {
            await this.submit(barcode);
        }
    }
}

registry.category("fields").add("spare_parts_scan", {
    component: SparePartsScanField,
    supportedTypes: ["char"],
    extractProps: ({ placeholder }) => ({ placeholder }),
});
