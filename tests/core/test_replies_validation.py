"""The reply slip (回执) as typed: dates, times, train and flight numbers, lengths, 接站/送站, the order."""

from datetime import date, time

import pytest

from rdplanner.errors import InvalidInput
from rdplanner.people.replies import parse_date_text, parse_time_text, reply_summary
from rdplanner.people.service import ParticipationDraft, validate_participation


def slip(**fields) -> ParticipationDraft:
    return ParticipationDraft(role="member", **fields)


def refused(**fields) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        validate_participation(slip(**fields))
    return caught.value


@pytest.mark.parametrize("text, expected", [
    ("2027-1-3", date(2027, 1, 3)), ("2027/1/3", date(2027, 1, 3)), ("2027.01.03", date(2027, 1, 3)),
    ("2027年1月3日", date(2027, 1, 3)), ("２０２７－１－３", date(2027, 1, 3)),
    ("2027-01-03 09:30", date(2027, 1, 3)), ("1月3日", date(2027, 1, 3)), ("1月3号", date(2027, 1, 3)),
    ("", None), ("  ", None),
])
def test_dates_in_the_forms_people_write(text, expected):
    assert parse_date_text(text, around=date(2027, 1, 3)) == expected


def test_a_date_without_year_takes_the_year_nearest_the_event():
    assert parse_date_text("1月2日", around=date(2026, 12, 30)) == date(2027, 1, 2)
    assert parse_date_text("12月29日", around=date(2027, 1, 2)) == date(2026, 12, 29)
    assert parse_date_text("6月1日", around=date(2027, 1, 2)) == date(2027, 6, 1)


@pytest.mark.parametrize("text, message", [
    ("2027-2-29", "“2027-2-29”不是有效的日期"), ("2月30日", "“2月30日”不是有效的日期"),
    ("下周一", "日期“下周一”格式不对，请写成如 2027-1-3、2027/1/3 或 1月3日"),
])
def test_dates_that_are_none_are_named(text, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        parse_date_text(text, around=date(2027, 1, 3))


def test_a_date_without_year_and_no_event_asks_for_the_year():
    with pytest.raises(ValueError, match="没有年份"):
        parse_date_text("1月3日")
    assert parse_date_text("2028-2-29") == date(2028, 2, 29)


@pytest.mark.parametrize("text, expected", [
    ("9:30", time(9, 30)), ("09:30", time(9, 30)), ("9：30", time(9, 30)), ("09:30:00", time(9, 30)),
    ("9点30", time(9, 30)), ("9点30分", time(9, 30)), ("9点", time(9, 0)), ("9点半", time(9, 30)),
    ("9时5分", time(9, 5)), ("下午3点", time(15, 0)), ("下午3:30", time(15, 30)), ("晚上8点", time(20, 0)),
    ("下午15:00", time(15, 0)), ("中午12点", time(12, 0)), ("0:00", time(0, 0)), ("23:59", time(23, 59)),
    ("1899-12-30 09:30", time(9, 30)), ("", None),
])
def test_times_in_the_forms_people_write(text, expected):
    assert parse_time_text(text) == expected


def test_twelve_at_night_is_midnight_of_the_next_day_and_is_refused_rather_than_read_as_noon():
    with pytest.raises(ValueError, match="午夜.*次日 0:00"):
        parse_time_text("晚上12点")
    assert parse_time_text("凌晨12点") == time(0, 0)
    assert parse_time_text("晚上11点") == time(23, 0)


@pytest.mark.parametrize("text", ["24:00", "9:60", "上午", "九点", "930"])
def test_times_that_are_none_are_refused(text):
    with pytest.raises(ValueError, match="时间"):
        parse_time_text(text)


@pytest.mark.parametrize("mode, number, stored", [
    ("train", "G1", "G1"), ("train", "g 7512", "G7512"), ("train", "Ｄ３１０", "D310"),
    ("train", "K1234", "K1234"),
    ("train", "T9999", "T9999"), ("train", "Z1", "Z1"), ("train", "C3001", "C3001"),
    ("flight", "ca1234", "CA1234"), ("flight", "3U 8888", "3U8888"), ("flight", "MU510", "MU510"),
    ("flight", "9C8801", "9C8801"), ("drive", "浙A 12345", "浙A12345"), ("unit_car", "", ""),
])
def test_train_and_flight_numbers_are_stored_upper_case_without_spaces(mode, number, stored):
    key = "arrival" if mode != "drive" else "departure"
    draft = validate_participation(slip(**{f"{key}_mode": mode, f"{key}_number": number}))
    assert getattr(draft, f"{key}_number") == stored


@pytest.mark.parametrize("mode, number", [
    ("train", "G12345"), ("train", "X123"), ("train", "G"), ("train", "7512"),
    ("flight", "CA12"), ("flight", "CA12345"), ("flight", "123456"), ("flight", "12345"),
    ("flight", "CAA123"),
])
def test_a_number_that_fits_not_its_mode_is_refused(mode, number):
    error = refused(arrival_mode=mode, arrival_number=number)
    assert error.field == "arrival_number"
    assert f"“{number}”格式不对" in str(error)
    assert ("如 G7512" if mode == "train" else "如 CA1234") in str(error)


def test_the_departure_number_is_checked_with_the_departure_mode():
    error = refused(arrival_mode="flight", arrival_number="CA1234", departure_mode="train",
                    departure_number="CA1234")
    assert error.field == "departure_number" and str(error).startswith("返程乘高铁，车次“CA1234”格式不对")


def test_a_number_without_a_mode_asks_for_the_mode():
    error = refused(arrival_number="G7512")
    assert (error.field, str(error)) == ("arrival_number", "填写了到达车次/航班号“G7512”，请同时选择到达方式")


def test_an_unknown_mode_is_refused():
    error = refused(departure_mode="ship")
    assert error.field == "departure_mode" and "高铁、飞机、自驾、单位派车" in str(error)


@pytest.mark.parametrize("field, limit", [("arrival_station", 100), ("departure_station", 100),
                                          ("pickup_point", 200)])
def test_station_and_pickup_point_fit_their_columns(field, limit):
    assert getattr(validate_participation(slip(**{field: "站" * limit})), field) == "站" * limit
    assert refused(**{field: "站" * (limit + 1)}).field == field


def test_a_number_fits_its_column():
    draft = validate_participation(slip(arrival_mode="drive", arrival_number="A" * 20))
    assert draft.arrival_number == "A" * 20
    assert refused(arrival_mode="drive", arrival_number="A" * 21).field == "arrival_number"


@pytest.mark.parametrize("mode", ["train", "flight"])
def test_pickup_and_dropoff_by_train_or_plane(mode):
    draft = validate_participation(slip(arrival_mode=mode, needs_pickup=True, departure_mode=mode,
                                        needs_dropoff=True))
    assert draft.needs_pickup and draft.needs_dropoff


@pytest.mark.parametrize("mode", ["", "drive", "unit_car"])
def test_pickup_without_train_or_plane_is_refused(mode):
    error = refused(arrival_mode=mode, needs_pickup=True)
    assert error.field == "needs_pickup"
    assert str(error) == "接站只适用于乘高铁或飞机到达的人员，请先选择到达方式“高铁”或“飞机”"
    assert refused(departure_mode=mode, needs_dropoff=True).field == "needs_dropoff"


def test_departure_on_the_arrival_day_or_later_is_accepted():
    validate_participation(slip(arrival_date=date(2027, 1, 3), departure_date=date(2027, 1, 3)))
    validate_participation(slip(arrival_date=date(2027, 1, 3), arrival_time=time(9, 30),
                                departure_date=date(2027, 1, 3), departure_time=time(9, 31)))
    validate_participation(slip(arrival_date=date(2027, 1, 3), arrival_time=time(18, 0),
                                departure_date=date(2027, 1, 4), departure_time=time(8, 0)))


def test_departure_before_arrival_is_refused():
    error = refused(arrival_date=date(2027, 1, 3), departure_date=date(2027, 1, 2))
    assert (error.field, str(error)) == ("departure_date", "返程日期（1月2日）早于到达日期（1月3日）")
    error = refused(arrival_date=date(2027, 1, 3), arrival_time=time(9, 30),
                    departure_date=date(2027, 1, 3), departure_time=time(9, 30))
    assert (error.field, str(error)) == ("departure_time", "返程时间（09:30）应晚于同一天的到达时间（09:30）")


def test_a_time_without_its_date_is_refused():
    assert refused(arrival_time=time(9, 30)).field == "arrival_date"
    assert refused(departure_time=time(9, 30)).field == "departure_date"


def test_a_draft_without_a_slip_is_valid_as_before():
    draft = validate_participation(ParticipationDraft(role="deputy"))
    assert (draft.arrival_mode, draft.arrival_date, draft.needs_pickup) == ("", None, False)


def test_the_summary_names_both_legs():
    text = reply_summary({"arrival_date": date(2027, 1, 3), "arrival_time": time(9, 30),
                          "arrival_mode": "train", "arrival_number": "G7512", "arrival_station": "杭州东站",
                          "needs_pickup": True,
                          "departure_date": date(2027, 1, 4), "departure_mode": "drive",
                          "pickup_point": "西湖宾馆"})
    assert text == "到达：1月3日 09:30 高铁 G7512 杭州东站，接站；返程：1月4日 自驾；上车地点：西湖宾馆"
    assert reply_summary({}) == ""
