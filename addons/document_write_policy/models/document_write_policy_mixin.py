# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

# A write policy entry granting every field (creating and deleting too) but the
# action fields.
ALL_FIELDS = "__all__"
# Chatter bookkeeping (followers, main attachment, activities) is written by
# mail for any reader: it is not what a document means, no policy covers it.
CHATTER_PREFIXES = ("message_", "activity_", "website_message_")


def lock_rows(records):
    """Let an action that must happen once run one transaction at a time on
    ``records`` (any model): their rows are locked in id order (two batches
    cannot deadlock) and touched. A second transaction waits for the first;
    when that one commits, PostgreSQL's repeatable read makes the second fail
    to serialize rather than act again on its older snapshot, and Odoo retries
    it: the retry sees what the first one did. The caller then reads again
    what it acts on (``invalidate_recordset`` and the like)."""
    ids = tuple(sorted(set(records.ids)))
    if not ids:
        return
    records.flush_recordset()
    table = SQL.identifier(records._table)
    records.env.cr.execute(
        SQL("SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE", table, ids)
    )
    # A lock alone leaves no row version a later snapshot can conflict with;
    # written in SQL, as a technical mark, not as the user's edit.
    records.env.cr.execute(
        SQL(
            "UPDATE %s SET write_date = %s, write_uid = %s WHERE id IN %s",
            table,
            records.env.cr.now(),
            records.env.uid,
            ids,
        )
    )
    records.invalidate_recordset()


def changed_fields(records, vals, names):
    """The names among ``names`` whose value in ``vals`` would change one of
    ``records``: a client repeating a stored value changes nothing, a
    relational command always does."""
    return sorted(
        name
        for name in set(vals) & set(names)
        if any(_changes(record, name, vals[name]) for record in records)
    )


def _changes(record, name, value):
    field = record._fields[name]
    if field.type == "many2one":
        return (value or False) != record[name].id
    if field.type in ("one2many", "many2many"):
        return True
    if field.type == "boolean":
        return bool(value) != bool(record[name])
    return value != record[name]


class DocumentWritePolicyMixin(models.AbstractModel):
    """Done is done: a document says which fields each role may write in each
    of its states, and the server holds every create, write, copy and delete
    of a user to it, whatever the client (screens, imports, RPC).

    Two layers:

    - action fields (states, approvals, done dates) change only through the
      document's buttons, which check who presses them and then write through
      ``_write_action_fields``; written directly they are refused for every
      role;
    - the write policy (``_get_write_policy``): once a model declares one, a
      state or role it does not list may write nothing, and only ALL_FIELDS
      allows creating and deleting. Lines follow their document's state
      (``_get_write_policy_state``); a line moved to another document is
      checked as if created there.

    The superuser (the suite's own code, on purpose) is not checked; no context
    key relaxes anything."""

    _name = "document.write.policy.mixin"
    _description = "Document Write Policy"

    # ---------------------------------------------------------- action fields
    def _get_action_fields(self):
        """Names of the fields only action methods may write."""
        return {"state"}

    def _check_action_fields(self, names):
        if self.env.su:
            return
        guarded = sorted(set(names) & self._get_action_fields())
        if guarded:
            raise AccessError(self._get_action_fields_error(guarded))

    def _get_action_fields_error(self, guarded):
        return self.env._(
            "%(fields)s of %(document)s change only through the document's buttons, which "
            "check the role allowed to press them; they cannot be written directly.",
            fields=", ".join(self._fields[name]._description_string(self.env) for name in guarded),
            document=self._description,
        )

    def _write_action_fields(self, vals):
        """Write what the policy keeps from users once the calling action
        checked the user's role: the user must still be allowed to change the
        records themselves; the write then runs as superuser, keeping the user
        as author of the change."""
        self.check_access("write")
        return self.sudo().write(vals)

    # ---------------------------------------------------------- write policy
    def _get_write_policy(self):
        """``{state: {role group xml id: field names or ALL_FIELDS}}``: what a
        user of that role may write in that state (of the document, for its
        lines). Empty: only the action fields are guarded."""
        return {}

    def _get_write_policy_state(self):
        """The state deciding what may be written (lines follow their document)."""
        self.ensure_one()
        parent = self._get_write_policy_parent_field()
        return self[parent].state if parent else self.state

    @api.model
    def _get_write_policy_parent_field(self):
        """The field linking a line to the document whose state decides."""
        return None

    def _get_writable_fields(self):
        """Field names (or ALL_FIELDS) the current user may write on this record."""
        self.ensure_one()
        allowed = set()
        policy = self._get_write_policy().get(self._get_write_policy_state(), {})
        for group, names in policy.items():
            if self.env.user.has_group(group):
                if names == ALL_FIELDS:
                    return ALL_FIELDS
                allowed |= set(names)
        return allowed

    def _check_write_policy(self, names, operation):
        """``operation``: write (only ``names`` need allowing), create or
        unlink (need ALL_FIELDS)."""
        if self.env.su or not self._get_write_policy():
            return
        names = {name for name in names if not name.startswith(CHATTER_PREFIXES)}
        if operation == "write" and not names:
            return
        for record in self:
            allowed = record._get_writable_fields()
            if allowed == ALL_FIELDS:
                continue
            refused = sorted(names - allowed) if operation == "write" else [operation]
            if refused:
                raise AccessError(record._get_write_policy_error(refused, operation))

    def _check_unlink_policy(self):
        self._check_write_policy((), "unlink")

    def _get_write_policy_state_label(self):
        parent = self._get_write_policy_parent_field()
        if parent:
            # a line: its document's state
            return self[parent]._get_write_policy_state_label()
        state = self._get_write_policy_state()
        field = self._fields.get("state")
        if field and field.type == "selection":
            return dict(field._description_selection(self.env)).get(state, state)
        return state

    def _get_write_policy_name(self):
        """The record as named in a refusal."""
        self.ensure_one()
        return self.display_name

    def _get_write_policy_error(self, refused, operation):
        if operation != "write":
            what = self.env._(
                "%(document)s %(name)s cannot be added or deleted",
                document=self._description,
                name=self._get_write_policy_name(),
            )
        else:
            what = self.env._(
                "%(fields)s of %(document)s %(name)s cannot be changed",
                fields=", ".join(
                    self._fields[name]._description_string(self.env)
                    if name in self._fields
                    else name
                    for name in refused
                ),
                document=self._description,
                name=self._get_write_policy_name(),
            )
        return what + self._get_write_policy_reason()

    def _get_write_policy_reason(self):
        """The end of a refusal: why the record is closed to the user."""
        return self.env._(
            " in state %(state)s by %(user)s: the document's write policy does not allow it.",
            state=self._get_write_policy_state_label(),
            user=self.env.user.name,
        )

    # ------------------------------------------------------------------- ORM
    @api.model_create_multi
    def create(self, vals_list):
        names = {name for vals in vals_list for name in vals}
        names |= {key[len("default_") :] for key in self.env.context if key.startswith("default_")}
        self._check_action_fields(names)
        records = super().create(vals_list)
        # Checked on the new records: a line takes the state of its document.
        for record, vals in zip(records, vals_list, strict=True):
            record._check_write_policy(vals, "create")
        return records

    def write(self, vals):
        self._check_action_fields(vals)
        self._check_write_policy(vals, "write")
        res = super().write(vals)
        if self._get_write_policy_parent_field() in vals:
            # Moved to another document: as if created there.
            self._check_write_policy(vals, "create")
        return res

    def unlink(self):
        self._check_unlink_policy()
        return super().unlink()
