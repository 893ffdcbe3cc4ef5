"""The lodging domain's own commands (python -m rdplanner NAME), declared for lodging.domain."""

from rdplanner.domain import DomainCommand

COMMANDS = (
    DomainCommand("allocate-rooms", "按住宿规则自动分房（先显示方案，--apply 保存）",
                  "rdplanner.lodging.allocate_command:add_arguments", "rdplanner.lodging.allocate_command:run"),
)
