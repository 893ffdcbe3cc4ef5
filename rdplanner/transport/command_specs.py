"""The transport domain's own commands (python -m rdplanner NAME), declared for transport.domain."""

from rdplanner.domain import DomainCommand

COMMANDS = (
    DomainCommand("plan-transport", "为日程安排车辆（先显示方案，--apply 保存）",
                  "rdplanner.transport.plan_command:add_arguments", "rdplanner.transport.plan_command:run"),
)
