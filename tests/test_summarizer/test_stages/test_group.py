"""The grouping's clustering: complete link (the default) against average link on a chain of articles."""

from __future__ import annotations

import numpy as np

from summarizer import Summarizer
from summarizer.stages.group import DEFAULT_LINKAGE, cluster, group_documents
from summarizer.stories import Options, tell_stories
from summarizer.testing import FakeEmbedder
from tests.builders import FLOOD, STORY

#: a is close to b, b to c, a not at all to c: a chain.
CHAIN = np.array([[1.0, 0.6, 0.0],
                  [0.6, 1.0, 0.5],
                  [0.0, 0.5, 1.0]])


def test_complete_link_keeps_apart_a_chain_whose_ends_share_nothing_where_average_link_merges_it() -> None:
    # {a, b} and c: average distance (1.0 + 0.5) / 2 = 0.75 is under 0.8, the farthest pair (a, c) at 1.0 is not.
    assert cluster(CHAIN, threshold=0.8, linkage="average").tolist() == [0, 0, 0]
    complete = cluster(CHAIN, threshold=0.8).tolist()
    assert complete[0] == complete[1] != complete[2]
    # Once the ends are close enough too, complete link merges the chain as well.
    assert len(set(cluster(CHAIN, threshold=1.01).tolist())) == 1


def test_complete_link_is_the_default_everywhere_a_pile_is_grouped() -> None:
    assert DEFAULT_LINKAGE == "complete" and Options().linkage == "complete"
    # A chain in meaning (a near b, b near c, a far from c; no word shared), at a threshold where the linkages part.
    angles = np.radians([0, 50, 100])
    dense = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    texts, ids = ["Alpha beta gamma.", "Delta epsilon zeta.", "Eta theta iota."], ["a", "b", "c"]
    assert group_documents(ids, dense, texts, threshold=1.0, linkage="average").groups == ((0, 1, 2),)
    assert group_documents(ids, dense, texts, threshold=1.0).groups == ((0, 1), (2,))
    told = tell_stories(Summarizer(FakeEmbedder()), (*STORY, *FLOOD), sentences=1)
    assert told.parameters.linkage == "complete"
    assert sorted(len(s.documents) for s in told.stories) == [3, 3]
