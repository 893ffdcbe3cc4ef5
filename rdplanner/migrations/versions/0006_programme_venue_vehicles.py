"""programme items, venue set-up, fleet and drivers, reply slips (issue 10)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Only adds: programme columns on sitting (every programme item is a sitting row; plenary and group
items are the ones signed in to), named attendees, the reply-slip columns of a participation, driver
licence and absences, hired vehicles, a trip's programme item and kind, hall bookings and the venue
set-up (banner, checks, materials). Columns are added in place (no table is rebuilt), so no row of
a referenced table is ever copied or cascaded.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def _text(name: str, length: int | None = None, default: str = "") -> sa.Column:
    server_default = sa.text(f"'{default}'") if default == "" else default
    return sa.Column(name, TEXT(length=length) if length else TEXT(), server_default=server_default,
                     nullable=False)


def _flag(name: str, default: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), server_default=default, nullable=False)


def _version() -> sa.Column:
    return sa.Column("version", sa.Integer(), server_default="1", nullable=False)


def upgrade() -> None:
    for column in (_text("audience", 20, "all"), _text("audience_value", 100), _text("notes")):
        op.add_column("sitting", column)
    op.create_table(
        "programmeattendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sitting_id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["participation_id"], ["participation.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sitting_id"], ["sitting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sitting_id", "participation_id"),
    )
    op.create_index("ix_programmeattendee_sitting_id", "programmeattendee", ["sitting_id"])
    op.create_index("ix_programmeattendee_participation_id", "programmeattendee", ["participation_id"])

    for way, station_flag in (("arrival", "needs_pickup"), ("departure", "needs_dropoff")):
        op.add_column("participation", sa.Column(f"{way}_time", sa.Time(), nullable=True))
        for column in (_text(f"{way}_mode", 20), _text(f"{way}_number", 20), _text(f"{way}_station", 100),
                       _flag(station_flag, "0")):
            op.add_column("participation", column)
    op.add_column("participation", _text("pickup_point", 200))

    op.add_column("driver", _text("licence_class", 10))
    op.add_column("driver", _flag("active", "1"))
    op.create_table(
        "driverabsence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("driver_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("reason", TEXT(length=100), nullable=False),
        _version(),
        sa.ForeignKeyConstraint(["driver_id"], ["driver.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_driverabsence_driver_id", "driverabsence", ["driver_id"])
    op.add_column("vehicle", _flag("hired", "0"))
    op.add_column("vehicle", _text("hire_company", 200))
    op.add_column("vehicle", sa.Column("day_rate_fen", sa.Integer(), nullable=True))
    with op.batch_alter_table("trip") as batch_op:  # SQLite rebuilds it (foreign keys are off meanwhile)
        batch_op.add_column(sa.Column("sitting_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_trip_sitting_id_sitting", "sitting", ["sitting_id"], ["id"],
                                    ondelete="SET NULL")
        batch_op.create_index("ix_trip_sitting_id", ["sitting_id"])
    op.add_column("trip", _text("kind", 20, "meeting"))

    op.create_table(
        "hallbooking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("status", TEXT(length=20), nullable=False),
        sa.Column("contact", TEXT(length=100), nullable=False),
        sa.Column("phone", TEXT(length=50), nullable=False),
        sa.Column("notes", TEXT(), nullable=False),
        _version(),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["hall_id"], ["hall.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hallbooking_event_id", "hallbooking", ["event_id"])
    op.create_index("ix_hallbooking_hall_id", "hallbooking", ["hall_id"])
    op.create_table(
        "venuesetup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("banner_text", TEXT(length=200), nullable=False),
        sa.Column("banner_approved_by", TEXT(length=60), nullable=False),
        sa.Column("banner_approved_at", sa.DateTime(), nullable=True),
        sa.Column("spare_percent", sa.Integer(), nullable=False),
        sa.Column("notes", TEXT(), nullable=False),
        _version(),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["hall_id"], ["hall.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "hall_id"),
    )
    op.create_index("ix_venuesetup_event_id", "venuesetup", ["event_id"])
    op.create_index("ix_venuesetup_hall_id", "venuesetup", ["hall_id"])
    for table, columns in (
        ("venuecheck", [sa.Column("sort_order", sa.Integer(), nullable=False),
                        sa.Column("checked_by", TEXT(length=60), nullable=False),
                        sa.Column("checked_at", sa.DateTime(), nullable=True)]),
        ("venuematerial", [sa.Column("unit", TEXT(length=20), nullable=False),
                           sa.Column("basis", TEXT(length=20), nullable=False),
                           sa.Column("per_unit", sa.Integer(), nullable=False),
                           sa.Column("prepared", sa.Integer(), nullable=True),
                           sa.Column("sort_order", sa.Integer(), nullable=False)]),
    ):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("setup_id", sa.Integer(), nullable=False),
            sa.Column("name", TEXT(length=100), nullable=False),
            *columns,
            sa.Column("notes", TEXT(), nullable=False),
            _version(),
            sa.ForeignKeyConstraint(["setup_id"], ["venuesetup.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(f"ix_{table}_setup_id", table, ["setup_id"])


def downgrade() -> None:
    for table in ("venuematerial", "venuecheck", "venuesetup", "hallbooking", "driverabsence", "programmeattendee"):
        op.drop_table(table)
    with op.batch_alter_table("trip") as batch_op:
        batch_op.drop_index("ix_trip_sitting_id")
        batch_op.drop_constraint("fk_trip_sitting_id_sitting", type_="foreignkey")
        batch_op.drop_column("sitting_id")
        batch_op.drop_column("kind")
    for table, columns in (
        ("vehicle", ["day_rate_fen", "hire_company", "hired"]),
        ("driver", ["active", "licence_class"]),
        ("participation", ["pickup_point", "needs_dropoff", "departure_station", "departure_number",
                           "departure_mode", "departure_time", "needs_pickup", "arrival_station",
                           "arrival_number", "arrival_mode", "arrival_time"]),
        ("sitting", ["notes", "audience_value", "audience"]),
    ):
        with op.batch_alter_table(table) as batch_op:
            for column in columns:
                batch_op.drop_column(column)
