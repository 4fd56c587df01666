"""One model of the security system over time: treaties, memberships, news commitments.

The library API the CLI and the web app call:

- :func:`who_is_obliged` (``obligations.py``): who must act if a state is attacked on a day;
- :func:`commitment_threads` (``lifecycle.py``): news commitments threaded across articles;
- :func:`changes_since` (``changes.py``): what moved since a day;
- :func:`load_kb` (``treaties.py``): the treaty knowledge base.
"""

from pactwatch.system.changes import ChangeReport, changes_since
from pactwatch.system.lifecycle import CommitmentThread, LifecycleStep, commitment_threads
from pactwatch.system.obligations import ObligationAnswer, who_is_obliged
from pactwatch.system.treaties import TreatyKB, load_kb

__all__ = [
    "ChangeReport",
    "CommitmentThread",
    "LifecycleStep",
    "ObligationAnswer",
    "TreatyKB",
    "changes_since",
    "commitment_threads",
    "load_kb",
    "who_is_obliged",
]
