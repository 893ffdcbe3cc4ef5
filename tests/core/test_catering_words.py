"""The frugality word list: seeded once per database from resources/standards/frugality_words.toml
(rdplanner.seeds, run by open_database), then the office's own, edited through rdplanner.catering.words."""

import pytest
from sqlalchemy import func, select

from rdplanner.catering import words
from rdplanner.catering.read import load_words
from rdplanner.db import open_database
from rdplanner.errors import InvalidInput, NotFound, StaleEdit
from rdplanner.models import FrugalityRule, OfficeSetting
from rdplanner.seeds import ensure_seeded, read_frugality_words


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


def test_the_bundled_list_holds_the_words_of_the_rules_with_their_sources():
    listed = {w["word"]: w for w in read_frugality_words()}
    assert {"高档菜肴", "鱼翅", "燕窝", "海参", "鲍鱼", "野生动物", "香烟", "酒", "茅台", "五粮液"} <= set(listed)
    assert "财行〔2016〕214号" in listed["高档菜肴"]["rule"] and "公务接待" in listed["鱼翅"]["rule"]
    assert listed["酒"]["applies_to"] == "meeting"


def test_opening_a_new_database_seeds_the_list_and_marks_it(session):
    held = set(session.scalars(select(FrugalityRule.word)))
    assert held == {w["word"] for w in read_frugality_words()}
    assert session.get(OfficeSetting, "seeded:frugality_words") is not None


def test_a_seed_runs_once_so_a_removed_word_stays_removed(database, db_url):
    with database.session() as session:
        word_id = session.scalar(select(FrugalityRule.id).where(FrugalityRule.word == "鲍鱼"))
        words.remove_word(session, word_id=word_id)
        assert ensure_seeded(session) == []
    again = open_database(db_url)
    with again.session() as session:
        assert session.scalar(select(func.count()).where(FrugalityRule.word == "鲍鱼")) == 0
    again.close()


def test_add_update_and_remove_a_word(session):
    word_id = words.add_word(session, word=" 冬虫夏草 ", rule="高档菜肴", category="菜肴").value
    words.update_word(session, word_id=word_id, expected_version=1, values={"applies_to": "reception"})
    row = next(w for w in load_words(session) if w.id == word_id)
    assert (row.word, row.rule, row.applies_to, row.version) == ("冬虫夏草", "高档菜肴", "reception", 2)
    with pytest.raises(StaleEdit):
        words.update_word(session, word_id=word_id, expected_version=1, values={"rule": "x"})
    words.remove_word(session, word_id=word_id)
    with pytest.raises(NotFound):
        words.remove_word(session, word_id=word_id)


@pytest.mark.parametrize(("fields", "field"), [({"word": " "}, "word"), ({"word": "鱼翅"}, "word"),
                                               ({"applies_to": "party"}, "applies_to"),
                                               ({"rule": "依" * 301}, "rule"),
                                               ({"word": "鱼\x90翅"}, "word"),
                                               ({"category": ["菜肴"]}, "category"),
                                               ({"applies_to": ["all"]}, "applies_to"),
                                               ({"word": 7}, "word")])
def test_add_word_refuses_bad_input_naming_the_field(session, fields, field):
    with pytest.raises(InvalidInput) as raised:
        words.add_word(session, **({"word": "松茸"} | fields))
    assert raised.value.field == field


def test_a_word_is_cleaned_of_invisible_characters_and_runs_of_spaces(session):
    word_id = words.add_word(session, word="冬\u200b虫\t 夏草\u202e", rule="不得安排\n高档菜肴").value
    row = next(w for w in load_words(session) if w.id == word_id)
    assert (row.word, row.rule) == ("冬虫 夏草", "不得安排 高档菜肴")
