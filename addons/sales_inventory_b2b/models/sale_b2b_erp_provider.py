# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Availability provider asking an external ERP over HTTP (ERP integration mode).

Request: ``POST <url>`` with a JSON body::

    {
        "company": "My Company",
        "items": [
            {"ref": "1", "sku": "FURN_001", "product_id": 42,
             "uom": "Units", "warehouses": ["WH", "WH2"]},
            ...
        ]
    }

``warehouses`` lists the warehouse codes whose total availability is asked
(one code in single-warehouse mode, all applicable codes in consolidated mode).
Credentials, when set, are sent as HTTP basic authentication.

Response: HTTP 200 with a JSON body::

    {"items": [{"ref": "1", "available": 12.0}, ...]}

``available`` is on hand minus reserved in the product's unit of measure.
An item missing from the answer counts as 0 available.

When the ERP does not answer within the timeout, cannot be reached, or answers
with an error, the company's fallback applies: Odoo's own stock, or blocking
the submission. The returned ``info`` says which happened.
"""

import logging

import requests

from odoo import api, models

_logger = logging.getLogger(__name__)

PARAM_PREFIX = "sales_inventory_b2b."


class SaleB2bErpProvider(models.AbstractModel):
    _name = "sale.b2b.erp.provider"
    _description = "B2B Availability (external ERP over HTTP)"

    @api.model
    def _get_erp_config(self):
        # sudo: salespeople submit orders but may not read system parameters
        params = self.env["ir.config_parameter"].sudo()
        return {
            "url": params.get_param(PARAM_PREFIX + "erp_url") or "",
            "username": params.get_param(PARAM_PREFIX + "erp_username") or "",
            "password": params.get_param(PARAM_PREFIX + "erp_password") or "",
            "timeout": float(params.get_param(PARAM_PREFIX + "erp_timeout") or 5.0),
        }

    @api.model
    def _prepare_erp_request(self, company, keys):
        """Return the JSON payload and the map ref -> key."""
        products = self.env["product.product"].browse({pid for pid, __ in keys})
        warehouses = self.env["stock.warehouse"].browse(
            {wid for __, scope in keys for wid in scope}
        )
        codes = {wh.id: wh.code for wh in warehouses}
        items, refs = [], {}
        for index, (product_id, scope) in enumerate(sorted(keys), start=1):
            product = products.browse(product_id)
            ref = str(index)
            refs[ref] = (product_id, scope)
            items.append(
                {
                    "ref": ref,
                    "sku": product.default_code or "",
                    "product_id": product.id,
                    "uom": product.uom_id.name,
                    "warehouses": [codes[wid] for wid in scope],
                }
            )
        return {"company": company.name, "items": items}, refs

    @api.model
    def _send_erp_request(self, config, payload):
        auth = None
        if config["username"]:
            auth = (config["username"], config["password"])
        response = requests.post(config["url"], json=payload, auth=auth, timeout=config["timeout"])
        response.raise_for_status()
        return response.json()

    @api.model
    def _parse_erp_response(self, data, refs):
        result = dict.fromkeys(refs.values(), 0.0)
        for item in data.get("items", []):
            key = refs.get(str(item.get("ref")))
            if key is not None:
                result[key] = float(item.get("available") or 0.0)
        return result

    @api.model
    def _get_available_quantities(self, company, keys, exclude_orders=None):
        config = self._get_erp_config()
        if not config["url"]:
            reason = self.env._("no ERP URL is configured")
        else:
            payload, refs = self._prepare_erp_request(company, keys)
            try:
                data = self._send_erp_request(config, payload)
                quantities = self._parse_erp_response(data, refs)
            except requests.Timeout:
                reason = self.env._(
                    "the ERP did not answer within %(timeout)s s",
                    timeout=config["timeout"],
                )
            except requests.RequestException as error:
                reason = self.env._("the ERP could not be reached (%(error)s)", error=error)
            except (ValueError, AttributeError, TypeError) as error:
                reason = self.env._("the ERP answer is not valid (%(error)s)", error=error)
            else:
                info = {"source": "erp", "message": self.env._("Availability from the ERP.")}
                return quantities, info
        _logger.warning("ERP availability unavailable: %s", reason)
        return self._get_fallback_quantities(company, keys, exclude_orders, reason)

    @api.model
    def _get_fallback_quantities(self, company, keys, exclude_orders, reason):
        if company.b2b_erp_fallback == "block":
            info = {
                "source": "blocked",
                "message": self.env._(
                    "Availability could not be checked: %(reason)s; the fallback rule "
                    "blocks the submission.",
                    reason=reason,
                ),
            }
            return {}, info
        quantities, __ = self.env["sale.b2b.availability"]._get_available_quantities(
            company, keys, exclude_orders
        )
        info = {
            "source": "fallback",
            "message": self.env._("Availability taken from Odoo stock: %(reason)s.", reason=reason),
        }
        return quantities, info
