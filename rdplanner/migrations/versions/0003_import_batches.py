"""import batches (undoable roster imports)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "importbatch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=260), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("undo_json", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("importbatch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_importbatch_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("importbatch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_importbatch_event_id"))
    op.drop_table("importbatch")
