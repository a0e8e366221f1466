# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


class OverviewMixin:
    """Helpers to read the Overview as a user (a fresh environment, record
    rules applied) and compare it with the database."""

    def _cards(self, user):
        Card = self.env["spare.parts.overview.card"].with_user(user)
        return Card.search([("is_available", "=", True)])

    def _card(self, xmlid, user):
        card = self.env.ref(xmlid).with_user(user)
        card.invalidate_recordset()
        return card

    def _counts(self, user):
        """{card xmlid: (count, late)} of every card ``user`` sees."""
        cards = self._cards(user)
        xmlids = cards.get_external_id()
        return {xmlids[card.id]: (card.count, card.late_count) for card in cards}

    def assertCountsAreTheDatabase(self, user):
        """Each card's counts are what a search as ``user`` finds."""
        for card in self._cards(user):
            Model = self.env[card.res_model].with_user(user)
            self.assertEqual(card.count, Model.search_count(card._get_count_domain()), card.name)
            if card.late_domain:
                self.assertEqual(
                    card.late_count, Model.search_count(card._get_late_domain()), card.name
                )

    def assertOpens(self, action, records, title):
        """The list a button opens shows exactly ``records``."""
        Model = self.env[action["res_model"]].with_user(self.env.user)
        self.assertEqual(Model.search(action["domain"]), records)
        self.assertEqual(action["name"], title)
        self.assertFalse([key for key in action["context"] if key.startswith("search_default")])
