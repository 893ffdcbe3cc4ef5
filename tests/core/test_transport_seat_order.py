"""The protocol order of passengers in a car and a bus (DOMAIN §2), with orders written by hand."""

import pytest

from rdplanner.transport.seat_order import Rider, SeatPlace, seat_label, seat_order

DIRECTOR = Rider(11, "赵明", "member", 1)
DEPUTY_DIRECTOR = Rider(12, "钱亮", "member", 2)
SECRETARY_GENERAL = Rider(13, "孙强", "member", 3)
WANG = Rider(21, "王芳", "member")
WEN = Rider(22, "文静", "member")
STAFF = Rider(31, "李工", "staff")


def test_seat_order_of_a_sedan_puts_the_first_rear_right_the_second_rear_left_the_third_in_front():
    places = seat_order("sedan", [STAFF, DEPUTY_DIRECTOR, DIRECTOR])

    assert places == [SeatPlace(11, 1, "后排右"), SeatPlace(12, 2, "后排左"), SeatPlace(31, 3, "副驾驶")]


def test_seat_order_of_a_full_sedan_puts_the_fourth_in_the_rear_middle():
    places = seat_order("sedan", [STAFF, SECRETARY_GENERAL, DEPUTY_DIRECTOR, DIRECTOR])

    assert [(p.participation_id, p.label) for p in places] == [
        (11, "后排右"), (12, "后排左"), (13, "副驾驶"), (31, "后排中")]


def test_seat_order_of_an_mpv_fills_the_second_row_then_the_front_then_the_third_row():
    riders = [STAFF, WEN, WANG, SECRETARY_GENERAL, DEPUTY_DIRECTOR, DIRECTOR]

    places = seat_order("mpv", riders)

    assert [(p.participation_id, p.label) for p in places] == [
        (11, "二排右"), (12, "二排左"), (13, "副驾驶"), (21, "三排右"), (22, "三排左"), (31, "三排中")]


def test_seat_order_of_a_coach_numbers_from_the_first_row_by_rank():
    places = seat_order("coach", [STAFF, WEN, DIRECTOR, WANG])

    assert places == [SeatPlace(11, 1, "第1座"), SeatPlace(21, 2, "第2座"), SeatPlace(22, 3, "第3座"),
                      SeatPlace(31, 4, "第4座")]


def test_seat_order_without_ranks_follows_name_strokes_王_before_文():
    assert [p.participation_id for p in seat_order("sedan", [WEN, WANG])] == [21, 22]


def test_seat_order_puts_a_role_earlier_in_the_roster_before_a_ranked_later_role():
    ranked_staff = Rider(32, "丁一", "staff", 1)

    assert [p.participation_id for p in seat_order("sedan", [ranked_staff, WEN])] == [22, 32]


def test_seat_order_respects_an_override_and_seats_the_others_in_the_free_places():
    places = seat_order("sedan", [DIRECTOR, DEPUTY_DIRECTOR, STAFF], {31: 1})

    assert places == [SeatPlace(31, 1, "后排右"), SeatPlace(11, 2, "后排左"), SeatPlace(12, 3, "副驾驶")]


def test_seat_order_keeps_an_override_past_the_others():
    places = seat_order("minibus", [DIRECTOR, STAFF], {11: 5})

    assert places == [SeatPlace(31, 1, "第1座"), SeatPlace(11, 5, "第5座")]


def test_seat_order_without_a_vehicle_numbers_the_seats():
    assert seat_order(None, [STAFF, DIRECTOR]) == [SeatPlace(11, 1, "第1座"), SeatPlace(31, 2, "第2座")]


@pytest.mark.parametrize("overrides", [{99: 1}, {11: 0}, {11: 2, 12: 2}])
def test_seat_order_refuses_a_bad_override(overrides):
    with pytest.raises(ValueError):
        seat_order("sedan", [DIRECTOR, DEPUTY_DIRECTOR], overrides)


@pytest.mark.parametrize(("kind", "position", "label"), [
    ("sedan", 4, "后排中"), ("sedan", 5, "第5座"), ("mpv", 6, "三排中"), ("mpv", 7, "第7座"),
    ("coach", 1, "第1座"), ("minibus", 12, "第12座")])
def test_seat_label_names_the_seat_of_each_kind(kind, position, label):
    assert seat_label(kind, position) == label
