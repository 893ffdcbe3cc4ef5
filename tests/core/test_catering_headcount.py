"""The derived headcount (rdplanner.catering.headcount): who eats a meal, the staff and drivers, the
adjustment, dietary needs with names, and the tables; expected values counted by hand."""

from datetime import date

from rdplanner.catering.headcount import Diner, count_meal, left_out_text, needs_of, provided, provisions_of

START, END = date(2026, 3, 2), date(2026, 3, 4)
MID = date(2026, 3, 3)


def diner(n: int, **fields) -> Diner:
    values = {"participation_id": n, "name": f"代表{n:02d}", "role": "deputy", "arrival": None,
              "departure": None} | fields
    return Diner(**values)


def count(diners, *, day=MID, kind="lunch", staff=False, drivers=0, adjustment=0, table_size=10):
    return count_meal(diners, day=day, kind=kind, start=START, end=END, include_staff=staff, drivers=drivers,
                      adjustment=adjustment, table_size=table_size)


def test_needs_of_reads_halal_vegetarian_allergies_and_other_needs():
    assert needs_of("清真") == needs_of("清真餐")
    found = needs_of("素食、对花生过敏，海鲜过敏 低盐")
    assert (found.halal, found.vegetarian, found.allergies, found.others) == (False, True, ("花生", "海鲜"), ("低盐",))


def test_provided_matches_a_provision_naming_the_need():
    provisions = provisions_of("清真，素，无花生")
    assert [provided(n, provisions) for n in ("清真", "素食", "花生", "海鲜")] == [True, True, True, False]


def test_count_meal_takes_people_from_their_arrival_to_their_departure_both_days_counted():
    people = [diner(1, arrival=MID), diner(2, departure=MID), diner(3, arrival=END), diner(4, departure=START)]
    assert count(people).participants == 2


def test_count_meal_leaves_out_approved_leave_and_people_not_needing_meals():
    people = [diner(1), diner(2, on_leave=True), diner(3, needs_meals=False)]
    result = count(people)
    assert (result.participants, result.on_leave, result.present) == (1, 1, 1)


def test_count_meal_leaves_local_people_out_of_breakfast_unless_lodged():
    people = [diner(1, is_local=True), diner(2, is_local=True, lodged=True), diner(3)]
    breakfast, lunch = count(people, kind="breakfast"), count(people, kind="lunch")
    assert (breakfast.participants, breakfast.local_breakfast, lunch.participants) == (2, 1, 3)


def test_count_meal_counts_staff_only_when_the_meal_includes_them_and_drivers_as_given():
    people = [diner(1), diner(2, role="staff"), diner(3, role="staff")]
    without, with_staff = count(people, drivers=0), count(people, staff=True, drivers=4)
    assert (without.derived, with_staff.staff, with_staff.drivers, with_staff.derived) == (1, 2, 4, 7)
    assert (without.staff_left_out, with_staff.staff_left_out) == (2, 0)  # said on screen, not lost


def test_the_detail_names_who_is_there_but_not_counted():
    people = [diner(1, is_local=True), diner(2, on_leave=True), diner(3, role="staff"), diner(4)]
    assert left_out_text(count(people, kind="breakfast"), "breakfast") == (
        "未计入：请假 1 人，本地不住会 1 人，工作人员 1 人（本餐不含工作人员，可在“编辑”中计入）")
    assert left_out_text(count(people, staff=True), "lunch") == "未计入：请假 1 人"


def test_count_meal_adds_the_adjustment_and_never_goes_below_nobody():
    people = [diner(n) for n in range(1, 6)]
    assert (count(people, adjustment=3).total, count(people, adjustment=-9).total) == (8, 0)


def test_count_meal_names_each_need_and_seats_halal_tables_apart():
    people = [diner(n) for n in range(1, 20)] + [diner(20, dietary="清真"), diner(21, dietary="花生过敏")]
    result = count(people)
    assert result.needs() == (("清真", "清真", ("代表20",)), ("花生", "花生过敏", ("代表21",)))
    assert (result.halal_tables, result.other_tables, result.tables) == (1, 2, 3)  # 1 + ⌈20/10⌉


def test_count_meal_tables_at_the_table_size_boundary():
    ten, eleven = [diner(n) for n in range(10)], [diner(n) for n in range(11)]
    assert (count(ten).tables, count(eleven).tables, count(eleven, table_size=12).tables) == (1, 2, 1)


def test_count_meal_counts_a_receptions_guests_and_hosts_without_staff():
    people = [diner(1, role="guest"), diner(2, role="guest"), diner(3), diner(4, role="staff")]
    result = count(people, staff=True)
    assert (result.guests, result.hosts) == (2, 1)
