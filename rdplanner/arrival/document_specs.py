"""The arrival domain's document as the registry lists it (arrival/domain.py takes DOCUMENTS): the passes,
with their options, which kinds and which delegation. Cheap to import: the writer is named, not imported."""

from rdplanner.arrival.handover import PASS_KINDS
from rdplanner.domain import DocOption, Document


def _kinds(text: str) -> tuple[str, ...]:
    from rdplanner.arrival.documents import parse_kinds

    return parse_kinds(text)


def _delegation(text: str) -> str | None:
    return text.strip() or None


KINDS = DocOption("kinds", "证件种类",
                  ((None, "全部证件"), *(((code,), title) for code, title in PASS_KINDS.items())),
                  "--kinds", "只印这些证件（逗号分隔：deputy 代表证、attendee 列席证、staff 工作证、media 记者证、"
                  "vehicle 车辆通行证）；默认全部", metavar="KIND[,KIND]", parse=_kinds)
DELEGATION = DocOption("delegation", "代表团", ((None, "全部代表团"),), "--delegation",
                       "只印一个代表团的人员证件（如 上城区代表团）；默认全部", metavar="NAME", parse=_delegation)

DOCUMENTS = (
    Document("passes", "证件", (".pdf",), "rdplanner.arrival.documents:export_passes",
             "证件（.pdf：代表证、列席证、工作证、记者证、车辆通行证）", options=(KINDS, DELEGATION), markable=True,
             hint="A4 纸印制，带出血和四角裁切标记：人员证为 90×120 毫米胸卡，每张纸 4 个；车辆通行证为 180×120 毫米，"
                  "每张纸 2 个，每辆行程用车一张。色带：代表证红、列席证蓝（含旁听、嘉宾）、工作证绿、记者证橙、"
                  "车辆通行证紫。已准假人员不制证。"),
)
