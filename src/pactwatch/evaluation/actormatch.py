"""When does a predicted actor stand for a gold actor?

The gold README's rule: the ids are equal, or (countries) the ISO3 codes are
equal, or the predicted ``name``, ``name_vi`` or any mention text equals one of
the gold ``names`` after :func:`~pactwatch.evaluation.textfold.fold`.

The same rule maps the actor ids used elsewhere in a record (quote speakers,
event participants, commitment parties) to gold actor ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pactwatch.evaluation.gold import GoldActor
from pactwatch.evaluation.textfold import fold

# How strongly a pair matches; the assignment prefers stronger pairs on ties.
BY_ID = 3
BY_ISO3 = 2
BY_NAME = 1


def _country_code(actor_id: str, iso3: str | None = None) -> str | None:
    kind, _, key = actor_id.partition(":")
    if kind != "country":
        return None
    return (iso3 or key).upper() or None


class ActorMatcher:
    """Matches the actors of one analysis record against one gold document's actors."""

    def __init__(self, gold_actors: list[GoldActor], predicted: list[dict[str, Any]]) -> None:
        self.gold = gold_actors
        self.predicted = predicted
        self._gold_names = [{fold(n) for n in g.names} for g in gold_actors]
        self._gold_iso3 = [_country_code(g.id) for g in gold_actors]
        self._pred_by_id = {str(p.get("id")): p for p in predicted}
        self._cache: dict[str, set[str]] = {}

    @staticmethod
    def surface_forms(actor: dict[str, Any]) -> set[str]:
        """The folded name, Vietnamese name and mention texts of a predicted actor."""
        forms = [actor.get("name"), actor.get("name_vi")]
        forms += [m.get("text") for m in actor.get("mentions") or [] if isinstance(m, dict)]
        return {fold(f) for f in forms if isinstance(f, str) and f.strip()}

    def strength(self, gold_index: int, actor: dict[str, Any]) -> int | None:
        """How a predicted actor matches gold actor ``gold_index`` (BY_*), or None."""
        gold = self.gold[gold_index]
        actor_id = str(actor.get("id") or "")
        if actor_id == gold.id:
            return BY_ID
        gold_code = self._gold_iso3[gold_index]
        if gold_code and gold_code == _country_code(actor_id, actor.get("iso3")):
            return BY_ISO3
        if self.surface_forms(actor) & self._gold_names[gold_index]:
            return BY_NAME
        return None

    def gold_ids_for(self, actor_id: str | None) -> set[str]:
        """Gold ids that the predicted actor id stands for (empty when none)."""
        if not actor_id:
            return set()
        if actor_id not in self._cache:
            # An id the record uses without listing the actor still matches by id or ISO3.
            actor = self._pred_by_id.get(actor_id, {"id": actor_id})
            # An id also stands for itself, so a gold file that names speakers or
            # parties by id without annotating its actors layer can still match them.
            self._cache[actor_id] = {actor_id} | {
                g.id for i, g in enumerate(self.gold) if self.strength(i, actor) is not None
            }
        return self._cache[actor_id]

    def gold_ids_for_all(self, actor_ids: Iterable[str | None]) -> set[str]:
        found: set[str] = set()
        for actor_id in actor_ids:
            found |= self.gold_ids_for(actor_id)
        return found
