"""One-to-one assignment between gold items and predictions.

Scoring actors and quotes pairs each prediction with at most one gold item and
each gold item with at most one prediction. Among all such pairings we take one
with the most pairs, and among those the heaviest, so that when a prediction
could satisfy two gold items it goes to the one it matches best (an actor
predicted as ``country:FRA`` pairs with gold ``country:FRA`` by id rather than
with gold ``place:paris`` through the metonym "Paris").
"""

from __future__ import annotations

from collections.abc import Callable

# A preference is a small number in [0, 1]; it only breaks ties between pairings
# of the same size (see :func:`assign`).
Preference = Callable[[int, int], float | None]


def assign(n_gold: int, n_pred: int, preference: Preference) -> list[tuple[int, int]]:
    """Pair gold items with predictions, maximising the number of pairs first.

    ``preference(g, p)`` is None when gold item ``g`` and prediction ``p`` do not
    match, else a tie-breaking preference in [0, 1]. Returns ``(g, p)`` pairs
    sorted by gold index.
    """
    edges: dict[tuple[int, int], float] = {}
    for g in range(n_gold):
        for p in range(n_pred):
            pref = preference(g, p)
            if pref is not None:
                edges[(g, p)] = min(max(pref, 0.0), 1.0)
    pairs: list[tuple[int, int]] = []
    # Items that share no edge cannot affect each other's pairing, so each
    # connected group is solved on its own: a long article with many actors
    # becomes many small problems instead of one cubic one.
    for golds, preds in _connected_groups(edges):
        pairs += _assign_group(golds, preds, edges)
    return sorted(pairs)


def _connected_groups(
    edges: dict[tuple[int, int], float],
) -> list[tuple[list[int], list[int]]]:
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for g, p in edges:
        parent[root(("g", g))] = root(("p", p))
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in sorted(parent):
        side, index = node
        golds, preds = groups.setdefault(root(node), ([], []))
        (golds if side == "g" else preds).append(index)
    return list(groups.values())


def _assign_group(
    golds: list[int], preds: list[int], edges: dict[tuple[int, int], float]
) -> list[tuple[int, int]]:
    size = max(len(golds), len(preds))
    # Each pair is worth 1 plus a preference scaled so that all preferences
    # together weigh less than one extra pair: more pairs always wins.
    scale = 1.0 / (size + 1)
    cost = [[0.0] * size for _ in range(size)]
    for row, g in enumerate(golds):
        for col, p in enumerate(preds):
            if (g, p) in edges:
                cost[row][col] = -(1.0 + scale * edges[(g, p)])
    pairs = []
    for row, col in enumerate(_min_cost_assignment(cost)):
        if row < len(golds) and col < len(preds) and cost[row][col] < 0.0:
            pairs.append((golds[row], preds[col]))
    return pairs


def _min_cost_assignment(cost: list[list[float]]) -> list[int]:
    """Hungarian algorithm on a square matrix: column assigned to each row, O(n^3)."""
    n = len(cost)
    inf = float("inf")
    # potentials u (rows) and v (columns), 1-based with a dummy row/column 0
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    row_of_col = [0] * (n + 1)
    way = [0] * (n + 1)
    for row in range(1, n + 1):
        row_of_col[0] = row
        col0 = 0
        min_slack = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[col0] = True
            row0 = row_of_col[col0]
            delta = inf
            col1 = 0
            for col in range(1, n + 1):
                if used[col]:
                    continue
                slack = cost[row0 - 1][col - 1] - u[row0] - v[col]
                if slack < min_slack[col]:
                    min_slack[col] = slack
                    way[col] = col0
                if min_slack[col] < delta:
                    delta = min_slack[col]
                    col1 = col
            for col in range(n + 1):
                if used[col]:
                    u[row_of_col[col]] += delta
                    v[col] -= delta
                else:
                    min_slack[col] -= delta
            col0 = col1
            if row_of_col[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            row_of_col[col0] = row_of_col[col1]
            col0 = col1
    col_of_row = [0] * n
    for col in range(1, n + 1):
        if row_of_col[col]:
            col_of_row[row_of_col[col] - 1] = col - 1
    return col_of_row
