"""The frugality word list's services (节约词表): add, edit and remove a word with its rule. The list is
the office's, shared by every event (its change set names catering "for every event"); each service
locks the row it changes."""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput, NotFound
from rdplanner.frugality_words import clean_word
from rdplanner.models import FrugalityRule
from rdplanner.store import versioned_update


def word_changes(word_id: int) -> Changes:
    return Changes.of("catering", None, rows=(("word", word_id),))


def _refuse_duplicate(session: Session, word: str, word_id: int | None = None) -> None:
    other = session.scalar(select(FrugalityRule.id).where(FrugalityRule.word == word))
    if other is not None and other != word_id:
        raise InvalidInput(f"词表中已有“{word}”。", field="word")


def add_word(session: Session, *, word: str, rule: str = "", category: str = "", applies_to: str = "all") -> Outcome:
    """Add a word to the list; value: its id.

    Raises:
        InvalidInput: see frugality_words.clean_word; a word already listed.
    """
    values = clean_word({"word": word, "rule": rule, "category": category, "applies_to": applies_to})
    _refuse_duplicate(session, values["word"])
    row = FrugalityRule(**values)
    session.add(row)
    session.flush()
    word_id = row.id
    session.commit()
    return Outcome(word_changes(word_id), word_id)


def update_word(session: Session, *, word_id: int, expected_version: int, values: Mapping[str, Any]) -> Outcome:
    """Save edited fields of a word; value: its new version.

    Raises:
        NotFound: the word is gone. StaleEdit: saved by someone else since. InvalidInput: see clean_word;
        a word already listed.
    """
    if session.scalar(select(FrugalityRule.id).where(FrugalityRule.id == word_id).with_for_update()) is None:
        raise NotFound(f"找不到该词语（编号 {word_id}），可能已被删除。")
    cleaned = clean_word(values)
    if "word" in cleaned:
        _refuse_duplicate(session, cleaned["word"], word_id)
    version = versioned_update(session, FrugalityRule, word_id, expected_version=expected_version,
                               values=cleaned, what="词语")
    session.commit()
    return Outcome(word_changes(word_id), version)


def remove_word(session: Session, *, word_id: int) -> Outcome:
    """Remove a word from the list.

    Raises:
        NotFound: the word is gone.
    """
    if session.execute(delete(FrugalityRule).where(FrugalityRule.id == word_id)).rowcount == 0:
        session.rollback()
        raise NotFound(f"找不到该词语（编号 {word_id}），可能已被删除。")
    session.commit()
    return Outcome(word_changes(word_id))
