"""The office's name and officer (rdplanner.office_settings): the default until set, saved together,
cleaned of invisible characters, refused when empty or too long with the field named."""

import pytest

from rdplanner.errors import InvalidInput
from rdplanner.office_settings import OfficeIdentity, office_identity, save_office_identity


def test_until_the_office_sets_its_name_documents_use_the_default(database):
    with database.session() as session:
        assert office_identity(session) == OfficeIdentity("市人大常委会办公室", "", "")


def test_the_name_and_officer_are_saved_together_and_cleaned(database):
    with database.session() as session:
        outcome = save_office_identity(session, name=" 杭州市人大常委会\u200b办公厅 ", officer="张明\u202e",
                                       phone=" 0571-80001234 ")
        assert outcome.changes.settings == {"office.name", "office.officer", "office.officer_phone"}
    with database.session() as session:
        assert office_identity(session) == OfficeIdentity("杭州市人大常委会办公厅", "张明", "0571-80001234")


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"name": "  ", "officer": "", "phone": ""}, "name", "请填写单位名称（打印在派车单、证件等文件上）。"),
    ({"name": "办" * 61, "officer": "", "phone": ""}, "name", "单位名称最多 60 个字，现有 61 个字。"),
    ({"name": "办公室", "officer": "张" * 21, "phone": ""}, "officer", "经办人最多 20 个字，现有 21 个字。"),
    ({"name": "办公室", "officer": "", "phone": "1" * 31}, "phone", "联系电话最多 30 个字，现有 31 个字。"),
])
def test_an_empty_name_or_a_text_too_long_is_refused_and_nothing_saved(database, values, field, message):
    with database.session() as session:
        with pytest.raises(InvalidInput) as caught:
            save_office_identity(session, **values)
        assert (caught.value.params["field"], str(caught.value)) == (field, message)
    with database.session() as session:
        assert office_identity(session).name == "市人大常委会办公室"


def test_a_name_at_the_limit_is_kept(database):
    with database.session() as session:
        save_office_identity(session, name="办" * 60, officer="张" * 20, phone="1" * 30)
        assert office_identity(session).name == "办" * 60
