"""seat plans: fill direction of delegation blocks, rotation offset

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("seatplan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fill", sqlmodel.sql.sqltypes.AutoString(length=20),
                                      server_default="rows", nullable=False))
        batch_op.add_column(sa.Column("rotation_offset", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("seatplan", schema=None) as batch_op:
        batch_op.drop_column("rotation_offset")
        batch_op.drop_column("fill")
