"""Maximum bipartite matching, for scoring: each gold label is matched with at most one
prediction and each prediction with at most one label, as many pairs as possible (the corpus
README's rule)."""

from __future__ import annotations

from collections.abc import Sequence


def max_matching(n_left: int, edges: Sequence[Sequence[int]]) -> dict[int, int]:
    """A maximum bipartite matching: `edges[i]` lists the right nodes left node i may take, in
    order of preference. Returns right -> left. Kuhn's augmenting paths (the sizes are an
    article's labels)."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return owner
