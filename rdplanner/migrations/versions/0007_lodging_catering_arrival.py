"""lodging, catering and the arrival desk (issue 11)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Only adds: the 本地 mark of a person and a participation, a room's version, a stay's lock, room blocks,
the allocation rules, a meal's programme item, headcount inputs and provisions, a dish's price, the
frugality word list and the arrival desk's check-ins. The meal table is rebuilt by SQLite for its new
foreign key (foreign keys are off meanwhile, so no menu or diner row is cascaded).
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def _text(name: str, length: int | None = None, default: str = "") -> sa.Column:
    server_default = sa.text(f"'{default}'") if default == "" else default
    return sa.Column(name, TEXT(length=length) if length else TEXT(), server_default=server_default,
                     nullable=False)


def _number(name: str, default: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), server_default=default, nullable=False)


def _flag(name: str, default: str = "0") -> sa.Column:
    return sa.Column(name, sa.Boolean(), server_default=default, nullable=False)


def _version() -> sa.Column:
    return sa.Column("version", sa.Integer(), server_default="1", nullable=False)


def upgrade() -> None:
    op.add_column("person", _flag("is_local"))
    op.add_column("participation", _flag("is_local"))
    op.add_column("room", _version())
    op.add_column("stay", _flag("locked"))
    op.create_table(
        "roomblock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("room_type_id", sa.Integer(), nullable=False),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("held", sa.Integer(), nullable=False),
        sa.Column("release_date", sa.Date(), nullable=True),
        sa.Column("notes", TEXT(), nullable=False),
        _version(),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["room_type_id"], ["roomtype.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "room_type_id", "night"),
    )
    op.create_index("ix_roomblock_event_id", "roomblock", ["event_id"])
    op.create_index("ix_roomblock_room_type_id", "roomblock", ["room_type_id"])
    op.create_table(
        "lodgingpolicy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("single_roles", TEXT(length=200), nullable=False),
        sa.Column("single_posts", TEXT(length=300), nullable=False),
        sa.Column("single_rank_within", sa.Integer(), nullable=False),
        sa.Column("pair_by", TEXT(length=20), nullable=False),
        sa.Column("hotel_order", TEXT(length=200), nullable=False),
        _version(),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
    )

    with op.batch_alter_table("meal") as batch_op:
        batch_op.add_column(sa.Column("sitting_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_meal_sitting_id_sitting", "sitting", ["sitting_id"], ["id"],
                                    ondelete="SET NULL")
        batch_op.create_index("ix_meal_sitting_id", ["sitting_id"])
    for column in (_flag("include_staff"), _flag("include_drivers"), _number("adjustment", "0"),
                   _text("adjustment_reason", 200), _number("table_size", "10"), _text("provisions", 200),
                   sa.Column("host_count", sa.Integer(), nullable=True),
                   sa.Column("guest_count", sa.Integer(), nullable=True)):
        op.add_column("meal", column)
    op.add_column("menuitem", _number("price_fen", "0"))
    op.add_column("menuitem", _version())

    op.create_table(
        "frugalityrule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("word", TEXT(length=40), nullable=False),
        sa.Column("category", TEXT(length=40), nullable=False),
        sa.Column("rule", TEXT(length=300), nullable=False),
        sa.Column("applies_to", TEXT(length=20), nullable=False),
        _version(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("word"),
    )
    op.create_table(
        "arrivalcheckin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=False),
        sa.Column("handed", TEXT(length=200), nullable=False),
        sa.Column("notes", TEXT(), nullable=False),
        _version(),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participation_id"], ["participation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participation_id"),
    )
    op.create_index("ix_arrivalcheckin_event_id", "arrivalcheckin", ["event_id"])


def downgrade() -> None:
    for table in ("arrivalcheckin", "frugalityrule", "lodgingpolicy", "roomblock"):
        op.drop_table(table)
    with op.batch_alter_table("meal") as batch_op:
        batch_op.drop_index("ix_meal_sitting_id")
        batch_op.drop_constraint("fk_meal_sitting_id_sitting", type_="foreignkey")
        for column in ("sitting_id", "include_staff", "include_drivers", "adjustment", "adjustment_reason",
                       "table_size", "provisions", "host_count", "guest_count"):
            batch_op.drop_column(column)
    for table, columns in (("menuitem", ["version", "price_fen"]), ("stay", ["locked"]), ("room", ["version"]),
                           ("participation", ["is_local"]), ("person", ["is_local"])):
        with op.batch_alter_table(table) as batch_op:
            for column in columns:
                batch_op.drop_column(column)
