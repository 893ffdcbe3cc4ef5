"""Reads shared by the domains' checks (rdplanner.readmodels.shared_reads / read_once): one read per key
inside a block, a fresh read outside it, and planning.event_problems reading the programme once."""

from rdplanner import planning
from rdplanner.programme import read as programme_read
from rdplanner.readmodels import read_once, shared_reads


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.calls


def test_inside_a_block_a_key_is_read_once_and_outside_every_call_reads(database):
    load = Counter()
    with database.session() as session:
        assert read_once(session, "k", load) == 1
        assert read_once(session, "k", load) == 2  # no block: no sharing
        with shared_reads(session):
            assert read_once(session, "k", load) == 3
            with shared_reads(session):  # a nested block shares the outer one
                assert read_once(session, "k", load) == 3
            assert read_once(session, "other", load) == 4
            assert read_once(session, "k", load) == 3
        assert read_once(session, "k", load) == 5  # forgotten when the block ends


def test_the_checks_of_all_domains_read_the_programme_once(database, monkeypatch):
    from tests.core.programme_data import make_meeting

    calls = []
    real = programme_read.load_programme

    def counting(session, event_id):
        calls.append(event_id)
        return real(session, event_id)

    monkeypatch.setattr(programme_read, "load_programme", counting)
    with database.session() as session:
        event_id = make_meeting(session)
        planning.event_problems(session, event_id)
    assert calls == [event_id]
