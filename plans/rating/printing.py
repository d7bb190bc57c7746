"""The unit's scored table as a printed document (Bảng tự chấm điểm): data shaped like a plan's,
its one section holding the table, so the one renderer (plans.documents.pdf) prints it in the NĐ 30
layout like the plan and the monthly report."""
from plans import periods
from plans.months.reports import FORMAT
from plans.numbering import roman
from plans.rating.services import evidence_plan, points_text

DOCUMENT_TYPE = "BTCĐ"
COLUMNS = ["TT", "Nội dung tiêu chí", "Điểm chuẩn", "Điểm tự chấm", "Giải trình, minh chứng"]
DEFAULT_SIGNER = {"authority": "TM. BAN CHẤP HÀNH", "position": "CHỦ TỊCH", "name": ""}


def evidence_text(score):
    """The score's comment, then what it cites: 'Chỉ tiêu: …; Hoạt động: …; Báo cáo: …'."""
    cited = [f"{label}: {'; '.join(texts)}" for label, texts in (
        ("Chỉ tiêu", [t.text for t in score.targets.all()]), ("Hoạt động", [a.content for a in score.activities.all()]),
        ("Báo cáo", [r.title for r in score.reports.all()]),
    ) if texts]
    return ". ".join(filter(None, [score.comment.strip().rstrip("."), *cited]))


def table_rows(rating, scores):
    """The table's rows: a group's row (its roman number, title, points) then its criteria, then the total."""
    rows, group, number = [], None, 0
    for score in scores:
        criterion = score.criterion
        if criterion.group_id != group:
            group, number = criterion.group_id, number + 1
            members = [s for s in scores if s.criterion.group_id == group]
            rows.append({"strong": True, "cells": [
                roman(number), criterion.group.title, points_text(sum(s.criterion.max_points for s in members)),
                points_text(sum(s.self_points or 0 for s in members)), ""]})
            index = 0
        index += 1
        rows.append({"strong": False, "cells": [str(index), criterion.text, points_text(criterion.max_points),
                                                 points_text(score.self_points), evidence_text(score)]})
    rows.append({"strong": True, "cells": ["", "Tổng cộng", points_text(sum(s.criterion.max_points for s in scores)),
                                            points_text(rating.self_total), ""]})
    return rows


def export_rating(rating, scores):
    """The printer's data of `rating`; `scores` with their criteria, groups and evidence loaded."""
    unit = rating.unit
    plan = evidence_plan(rating)
    verdict = [f"Tổng số điểm tự chấm: {points_text(rating.self_total)} điểm. Tự xếp loại: {rating.self_label or 'chưa xếp loại'}."]
    if rating.confirmed_total is not None:
        verdict.append(f"Cấp trên xác nhận: {points_text(rating.confirmed_total)} điểm, xếp loại: {rating.label}.")
    submitted = rating.submitted_at.date().isoformat() if rating.submitted_at else None
    return {
        "format": FORMAT,
        "doc_type": DOCUMENT_TYPE,
        "issuer": {"superior": unit.header_superior, "name": unit.header_name, "abbreviation": unit.abbreviation, "place": unit.place},
        "co_issuer": None,
        "period": {"kind": periods.CALENDAR_YEAR, "year": rating.year},
        "number": None,
        "date": submitted,
        "title": f"Kết quả thực hiện nhiệm vụ năm {rating.year} theo {rating.table.title[0].lower()}{rating.table.title[1:]}",
        "bases": [],
        "preamble": [f"Căn cứ {rating.table.title[0].lower()}{rating.table.title[1:]} của {rating.table.federation.name}, "
                     f"Ban Chấp hành {unit.name} tự chấm điểm kết quả thực hiện nhiệm vụ năm {rating.year} như sau:"],
        "sections": [
            {"kind": "text", "title": "Kết quả tự chấm điểm", "paragraphs": [], "sections": [],
             "grid": {"columns": COLUMNS, "rows": table_rows(rating, scores)}},
            {"kind": "text", "title": "Tự xếp loại", "paragraphs": verdict, "sections": []},
        ],
        "targets": [],
        "month_columns": ["content"],
        "months": [],
        "closing": [],
        "appendices": [],
        "recipients": [f"{rating.table.federation.name} (để báo cáo);", "Lưu: BCH."],
        "signers": (plan.signers[:1] if plan and plan.signers else [DEFAULT_SIGNER]),
    }
