"""The planning domains, in the order the overview, the navigation and the event's copy take them.

Adding a domain is one line here (see CONTRIBUTING.md). Each module's ``DOMAIN`` is a
rdplanner.domain.Domain; the modules import their services only inside their hooks, so this is cheap.
"""

from rdplanner.arrival.domain import DOMAIN as ARRIVAL
from rdplanner.budget.domain import DOMAIN as BUDGET
from rdplanner.catering.domain import DOMAIN as CATERING
from rdplanner.domain import Document, Domain
from rdplanner.lodging.domain import DOMAIN as LODGING
from rdplanner.people.domain import DOMAIN as PEOPLE
from rdplanner.programme.domain import DOMAIN as PROGRAMME
from rdplanner.readiness.domain import DOMAIN as READINESS
from rdplanner.seating.domain import DOMAIN as SEATING
from rdplanner.transport.domain import DOMAIN as TRANSPORT
from rdplanner.venue.domain import DOMAIN as VENUE

DOMAINS: tuple[Domain, ...] = (PEOPLE, PROGRAMME, SEATING, VENUE, TRANSPORT, LODGING, CATERING, ARRIVAL, BUDGET,
                               READINESS)


def domain(key: str) -> Domain:
    """The domain ``key``. Raises KeyError for an unknown key."""
    for found in DOMAINS:
        if found.key == key:
            return found
    raise KeyError(key)


def documents() -> dict[str, Document]:
    """Every document of every domain by its kind (the `export` command's KIND), in registry order."""
    found: dict[str, Document] = {}
    for entry in DOMAINS:
        for document in entry.documents:
            if document.kind in found:
                raise ValueError(f"document kind {document.kind!r} declared twice")
            found[document.kind] = document
    return found
