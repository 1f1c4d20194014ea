"""The report charts: well-formed SVG that a strict Content-Security-Policy lets through, escaping what callers
pass, with bars and axes that tell the truth about the figures."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from reports.charts import NO_DATA, bar_chart, line_chart, stacked_bar_chart

SVG = "{http://www.w3.org/2000/svg}"
MALICIOUS = '<script>alert(1)</script> & "x"'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def group(root: ET.Element, name: str) -> ET.Element:
    return next(element for element in root.iter(f"{SVG}g") if element.get("class") == name)


def charts_with(label: str) -> list[str]:
    return [
        bar_chart(title=label, categories=[label, "B"], series=[(label, [10, 20])], target=15, target_label=label),
        line_chart(title=label, categories=[label, "B"], series=[(label, [10, None])],
                   target_series=(label, [10.0, 10.5])),
        stacked_bar_chart(title=label, categories=[label, "B"], series=[(label, [1, 2]), ("Khác", [3, 0])]),
    ]


@pytest.mark.parametrize("svg", charts_with(MALICIOUS) + charts_with(""), ids=range(6))
def test_a_chart_is_markup_a_strict_content_security_policy_lets_through(svg):
    root = parse(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("width") == "100%"
    title = root.find(f"{SVG}title")
    assert root.get("aria-labelledby") == title.get("id")
    for element in root.iter():
        assert element.tag.removeprefix(SVG) not in {"script", "style", "foreignObject", "a", "image", "use"}
        for attribute, value in element.attrib.items():
            assert attribute != "style" and not attribute.lower().startswith("on")
            assert "href" not in attribute
            assert "url(" not in value and "javascript:" not in value.lower()


def test_what_callers_pass_is_escaped_and_reads_back_as_written():
    for svg in charts_with(MALICIOUS):
        assert "<script>" not in svg
        root = parse(svg)
        assert root.find(f"{SVG}title").text == MALICIOUS
        assert MALICIOUS in texts(root)


def test_vietnamese_text_is_kept():
    root = parse(bar_chart(title="Chỉ dẫn địa lý", categories=["Lục Ngạn"], series=[("Đã cấp", [3])]))
    assert root.find(f"{SVG}title").text == "Chỉ dẫn địa lý"
    assert {"Chỉ dẫn địa lý", "Lục Ngạn", "Đã cấp"} <= set(texts(root))


def test_a_bar_is_as_tall_as_its_value():
    root = parse(bar_chart(title="T", categories=["A", "B"], series=[("S", [10, Decimal(20)])]))
    short, tall = (float(rect.get("height")) for rect in group(root, "bars").iter(f"{SVG}rect"))
    assert tall / short == pytest.approx(2, abs=0.01)


def test_each_bar_says_what_it_is_when_hovered():
    root = parse(bar_chart(title="T", categories=["2024"], series=[("Sáng kiến", [1200])]))
    assert [title.text for title in group(root, "bars").iter(f"{SVG}title")] == ["2024 — Sáng kiến: 1.200"]


@pytest.mark.parametrize(("values", "top"), [
    ([0, 37], {"40", "50"}), ([100], {"100"}), ([1200], {"1.500"}), ([Decimal("0.37")], {"0,4", "0,5"}),
])
def test_the_axis_ends_on_a_round_number_above_the_largest_value(values, top):
    root = parse(bar_chart(title="T", categories=[str(n) for n in range(len(values))], series=[("S", values)]))
    ticks = texts(group(root, "y-axis"))
    assert ticks[0] == "0" and ticks[-1] in top and 4 <= len(ticks) <= 6


def test_the_target_line_is_drawn_with_its_label_and_lifts_the_axis_to_reach_it():
    root = parse(bar_chart(title="T", categories=["A"], series=[("S", [10])],
                           target=45, target_label="Kế hoạch"))
    target = group(root, "target")
    assert target.find(f"{SVG}line").get("stroke-dasharray") and texts(target) == ["Kế hoạch"]
    assert texts(group(root, "y-axis"))[-1] == "50"
    assert all(element.get("class") != "target"
               for element in parse(bar_chart(title="T", categories=["A"], series=[("S", [10])])).iter())


def test_a_line_breaks_where_a_value_is_missing_and_the_target_is_dashed():
    root = parse(line_chart(title="T", categories=["2021", "2022", "2023", "2024"],
                            series=[("Đơn", [4, None, 6, 7])],
                            target_series=("+5% mỗi năm", [4, 4.2, 4.41, 4.63])))
    path = group(root, "series").find(f"{SVG}path").get("d")
    assert path.count("M") == 2 and path.count("L") == 1
    assert len(group(root, "series").findall(f"{SVG}circle")) == 3
    assert group(root, "target").find(f"{SVG}path").get("stroke-dasharray")
    assert "+5% mỗi năm" in texts(group(root, "legend"))


def test_stacked_segments_add_up_to_the_stack_in_the_callers_colours():
    colours = ["#d73027", "#fdae61", "#1a9850"]
    root = parse(stacked_bar_chart(title="T", categories=["Bắc Giang"], colours=colours,
                                   series=[("Dưới chỉ tiêu", [2]), ("Đạt", [0]), ("Vượt", [6])]))
    segments = group(root, "stack").findall(f"{SVG}rect")
    assert [rect.get("fill") for rect in segments] == ["#d73027", "#1a9850"]
    assert float(segments[1].get("height")) / float(segments[0].get("height")) == pytest.approx(3, abs=0.01)


def test_a_colour_that_is_not_a_hex_colour_is_refused():
    with pytest.raises(ValueError):
        stacked_bar_chart(title="T", categories=["A"], series=[("S", [1])], colours=["url(#x)"])


def test_series_of_the_wrong_length_are_refused():
    with pytest.raises(ValueError):
        bar_chart(title="T", categories=["A", "B"], series=[("S", [1])])


@pytest.mark.parametrize("svg", [
    bar_chart(title="T", categories=[], series=[]),
    bar_chart(title="T", categories=["A", "B"], series=[("S", [0, 0])], target=10),
    line_chart(title="T", categories=["A"], series=[("S", [None])]),
    stacked_bar_chart(title="T", categories=["A"], series=[("S", [0])]),
], ids=range(4))
def test_a_chart_without_figures_says_so(svg):
    assert NO_DATA in texts(parse(svg))


def test_many_or_long_categories_are_turned_and_lose_their_value_labels():
    categories = [f"Đơn vị {n}" for n in range(13)]
    root = parse(bar_chart(title="T", categories=categories, series=[("S", list(range(13)))]))
    assert all(label.get("transform", "").startswith("rotate(-35") for label in group(root, "x-axis"))
    assert not group(root, "bars").findall(f"{SVG}text")


def test_the_same_figures_give_the_same_markup():
    def draw():
        return line_chart(title="T", categories=["A", "B"], series=[("S", [1, 2.5])],
                          target_series=("M", [1, 1]))
    assert draw() == draw()
