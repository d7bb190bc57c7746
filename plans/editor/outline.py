"""The plan's sections in document order with the numbers they print with, so a chair can say
where a new section goes: at the end of the body, as a new appendix, or inside a section."""
from plans.models import Section
from plans.numbering import appendix_label, heading_number
from plans.planformat import MAX_SECTION_DEPTH

BODY, APPENDIX = Section.Part.BODY.value, Section.Part.APPENDIX.value
PLACES = [
    (BODY, "Cuối phần nội dung (mục I, II, ...)"),
    (APPENDIX, "Một phụ lục mới (in sau chữ ký, sang trang riêng)"),
]


def number(part, depth, n, count):
    """'I.', '1.', 'a)' as printed; a top-level section of the appendices is 'Phụ lục I'."""
    if part == Section.Part.APPENDIX and depth == 1:
        return appendix_label(n, count)
    return heading_number(depth - 1, n)


def outline(plan):
    """[(section, its label with the numbers of the sections it is in, depth)] in document order."""
    sections = list(plan.sections.order_by("order", "pk"))
    rows = []

    def walk(part, parent_id, depth, path):
        children = [s for s in sections if s.part == part and s.parent_id == parent_id]
        for n, section in enumerate(children, 1):
            label = f"{path}{number(part, depth, n, len(children))} {section.title or '(chưa có tiêu đề)'}"
            rows.append((section, label, depth))
            walk(part, section.pk, depth + 1, f"{label} › ")

    walk(Section.Part.BODY, None, 1, "")
    walk(Section.Part.APPENDIX, None, 1, "")
    return rows


def insertion_places(plan):
    """The choices of "add a section": the two ends, then every section that may still hold one."""
    inside = [(str(section.pk), f"Bên trong: {label}") for section, label, depth in outline(plan) if depth < MAX_SECTION_DEPTH]
    return PLACES + inside
