# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager


class RefusalAssertions:
    """For test cases of documents with a write policy (mixed into Odoo's
    test cases)."""

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Like assertRaisesRegex, but through Odoo's assertRaises, which rolls
        the refused operation back as the end of a request would (a create is
        checked once the records exist)."""
        with self.assertRaises(exception) as context:
            yield context
        self.assertRegex(str(context.exception.args[0]), pattern)
