"""seat plans: at most one whole-event plan per event, one plan per sitting

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

Two clients opening the seating page of a new event at the same moment could each create the event's
plan. The app always shows the oldest one (the lowest id), so any later duplicate was never shown nor
edited: they are removed (with their assignments) before the unique indexes are made.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

WHOLE_EVENT = sa.text("sitting_id IS NULL")


def upgrade() -> None:
    op.execute("DELETE FROM seatassignment WHERE seat_plan_id IN (SELECT p.id FROM seatplan p WHERE EXISTS ("
               "SELECT 1 FROM seatplan q WHERE q.event_id = p.event_id AND q.id < p.id AND "
               "((q.sitting_id IS NULL AND p.sitting_id IS NULL) OR q.sitting_id = p.sitting_id)))")
    op.execute("DELETE FROM seatplan WHERE id IN (SELECT p.id FROM seatplan p WHERE EXISTS ("
               "SELECT 1 FROM seatplan q WHERE q.event_id = p.event_id AND q.id < p.id AND "
               "((q.sitting_id IS NULL AND p.sitting_id IS NULL) OR q.sitting_id = p.sitting_id)))")
    with op.batch_alter_table("seatplan", schema=None) as batch_op:
        batch_op.create_index("ux_seatplan_whole_event", ["event_id"], unique=True,
                              sqlite_where=WHOLE_EVENT, postgresql_where=WHOLE_EVENT)
        batch_op.create_index("ux_seatplan_sitting", ["sitting_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("seatplan", schema=None) as batch_op:
        batch_op.drop_index("ux_seatplan_sitting")
        batch_op.drop_index("ux_seatplan_whole_event")
