# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

NOTICE_PARAM = "sales_inventory_b2b.install_notice_message_id"


def post_init_hook(env):
    """A database that already sells should not find out from a refused
    confirmation that orders are now checked against stock: tell its
    administrators once, with the way to change it."""
    _post_install_notice(env)


def _get_notice_recipients(env):
    """Active internal users with access to the settings."""
    return (
        env.ref("base.group_system")
        .all_user_ids.filtered(lambda user: user.active and not user.share)
        .sorted("id")
    )


def _get_notice_body(env):
    paragraphs = [
        env._(
            "Sales & Inventory B2B is installed: confirming a quotation is now "
            "checked against the available inventory. With the default rules "
            '(ordering mode "Single warehouse", validation rule "Block '
            'submission"), a quotation needing more than its warehouse holds is '
            "refused, also the quotations entered before the installation."
        ),
        env._(
            "To change it, go to Sales > Configuration > Settings, block Sales & "
            'Inventory: choose the validation rule "Allow submission" to confirm '
            "regardless and only flag the short lines, or the ordering mode "
            '"No warehouse" to check nothing. Order types (Sales > Configuration '
            "> Order Types) may override both."
        ),
    ]
    return Markup("").join(Markup("<p>%s</p>") % text for text in paragraphs)


def _post_install_notice(env):
    """Post the notice on the company's contact, addressed to the
    administrators, exactly once per database."""
    params = env["ir.config_parameter"].sudo()
    posted = params.get_param(NOTICE_PARAM)
    if posted and env["mail.message"].sudo().browse(int(posted)).exists():
        return env["mail.message"].sudo().browse(int(posted))
    company_partner = env.ref("base.main_company").partner_id
    message = company_partner.with_context(
        mail_notify_force_send=False, mail_create_nosubscribe=True
    ).message_post(
        body=_get_notice_body(env),
        subject=env._("Order confirmation is now checked against stock"),
        author_id=env.ref("base.partner_root").id,
        partner_ids=_get_notice_recipients(env).partner_id.ids,
        message_type="comment",
        subtype_xmlid="mail.mt_note",
    )
    params.set_param(NOTICE_PARAM, str(message.id))
    return message
