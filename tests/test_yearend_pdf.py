"""The year-end report of every demo plan, read back from its PDF: every target with its aim, result
and outcome in the table, every planned row under “done” or “not done” in the plan's order; and the
outside layout judge (../shared/tools/check_pdf.py) on it."""
import io
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from django.core.management import call_command

from plans import yearend
from plans.demo.results import fill_results
from plans.documents.pdf import serve
from plans.models import AnnualPlan, MonthlyActivity
from plans.months import targets_review
from plans.planformat import dumps

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]
JUDGE = next((p for p in [ROOT.parent / "shared" / "tools" / "check_pdf.py",
                          *[parent / "shared" / "tools" / "check_pdf.py" for parent in ROOT.parents]] if p.is_file()), None)
TOP_MARGIN = 20 * 72 / 25.4  # page numbers print above it


def _flat(text):
    return re.sub(r"\s+", "", text)


def _read(pdf):
    """The body's text (page numbers left out) and the rows of the report's tables."""
    text, rows = [], []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            body = page.crop((0, TOP_MARGIN, page.width, page.height))
            text.append(body.extract_text())
            for table in body.extract_tables():
                rows += [[_flat(cell or "") for cell in row] for row in table if row and (row[0] or "").strip().isdigit()]
    return _flat("\n".join(text)), rows


@pytest.fixture
def demo_reports():
    """Every demo plan closed: the issued ones carry the demo's results already; the drafts are
    approved and given the same results, so all four are reported on."""
    call_command("load_demo", stdout=io.StringIO())
    out = []
    for plan in AnnualPlan.objects.plans().select_related("unit").order_by("pk"):
        if not plan.is_issued:
            AnnualPlan.objects.filter(pk=plan.pk).update(status=AnnualPlan.Status.APPROVED)
            plan.refresh_from_db()
            fill_results(plan)
        report, made = yearend.draft_yearend_report(None, plan)
        assert made
        out.append((plan, report))
    return out


def test_every_demo_report_prints_every_target_and_every_row_in_order(demo_reports):
    for plan, report in demo_reports:
        pdf = serve.plan_pdf(report, serve.plan_data(report))
        text, table = _read(pdf)
        assert _flat("BÁO CÁO") in text and _flat(f"/BC-{plan.issuer['abbreviation']}") in text
        targets = list(plan.targets.order_by("order", "pk"))
        assert len(table) == len(targets), plan.unit.name
        for n, (target, row) in enumerate(zip(targets, table), 1):
            kind, value, result = targets_review.plain(target)
            assert result is not None, target.text  # the demo filled it
            outcome = targets_review.LABELS[targets_review.outcome_of(kind, value, result)]
            assert row == [str(n), _flat(target.text), _flat(targets_review.aim_of(kind, value)),
                           _flat(targets_review.result_of(kind, result)), _flat(outcome)]
        done_at, not_done_at, unplanned_at = (text.index(_flat(h)) for h in (
            f"2. {yearend.DONE_PART}", f"3. {yearend.NOT_DONE_PART}", f"4. {yearend.UNPLANNED_PART}"))
        spans = {True: (done_at, not_done_at), False: (not_done_at, unplanned_at)}
        cursor = {True: done_at, False: not_done_at}
        rows = plan.activities.filter(unplanned=False).order_by("month_index", "order", "pk")
        assert rows.exists() or plan.unit.name.endswith("Vinh Hưng")  # the one demo plan without a month table
        for row in rows:
            done = row.status == MonthlyActivity.Status.DONE
            start, end = spans[done]
            found = text.find(_flat(row.content), cursor[done], end)
            assert start <= found, f"{plan.unit.name}: “{row.content}” not under {'done' if done else 'not done'}, in order"
            cursor[done] = found + len(_flat(row.content))


@pytest.mark.skipif(JUDGE is None, reason="shared/tools/check_pdf.py is not beside this checkout")
def test_the_layout_judge_passes_a_report(demo_reports, tmp_path):
    """The judge names the plan's type (KH, KẾ HOẠCH) in two rules; a report is judged with its own
    (BC, BÁO CÁO), every other rule as it is."""
    judge = JUDGE.read_text(encoding="utf-8")
    judge = judge.replace('f"KH-{iss[\'abbreviation\']}"', 'f"{plan.get(\'doc_type\', \'KH\')}-{iss[\'abbreviation\']}"')
    judge = judge.replace('norm("KẾ HOẠCH")', 'norm({"BC": "BÁO CÁO"}.get(plan.get("doc_type"), "KẾ HOẠCH"))')
    assert judge.count("doc_type") == 2
    (tmp_path / "check_pdf.py").write_text(judge, encoding="utf-8")
    for plan, report in demo_reports[:2]:
        data = serve.plan_data(report)
        (tmp_path / "report.pdf").write_bytes(serve.plan_pdf(report, data))
        (tmp_path / "report.json").write_text(dumps(data), encoding="utf-8")
        run = subprocess.run([sys.executable, tmp_path / "check_pdf.py", tmp_path / "report.pdf", tmp_path / "report.json"],
                             capture_output=True, text=True, check=False)
        assert run.returncode == 0, f"{plan.unit.name}:\n{run.stdout}{run.stderr}"
