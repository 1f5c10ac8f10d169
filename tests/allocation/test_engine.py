"""The engine on the real figures: properties (hypothesis) and worked examples."""

from __future__ import annotations

import math
import random
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allocation import AllocationError, AllocationRequest, allocate, compare_methods
from allocation.data import Dataset, IndicatorInfo, load_dataset
from allocation.userdata import UserData, merge_user_data
from tests.rows import allocated

DS = load_dataset()
ALL = sorted(DS.municipalities)
MEMBERS = sorted({c for codes in DS.members.values() for c in codes})
METHODS = ["hamilton", "sainte-lague", "dhondt"]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

groups = st.lists(st.sampled_from(ALL), min_size=1, max_size=40, unique=True)
member_groups = st.lists(st.sampled_from(MEMBERS), min_size=2, max_size=30, unique=True)
totals = st.integers(min_value=1, max_value=5000)
methods = st.sampled_from(METHODS)


def with_column(name: str, values: dict[str, Fraction], dataset: Dataset = DS) -> Dataset:
    """The real dataset plus one user column, built the way read_user_data builds it."""
    info = IndicatorInfo(
        name=name, label=name, unit="eigen eenheid", reference_date="eigen gegevens", reference_date_label="eigen gegevens",
        source="eigen gegevens (test)", file="test.csv", column=name, coverage="test", user_supplied=True,
    )
    return merge_user_data(dataset, UserData(path="test.csv", columns={name: values}, infos={name: info}))


# --- properties --------------------------------------------------------------------------------------


@FAST
@given(codes=groups, total=totals, method=methods)
def test_allocations_add_up_and_follow_the_quota(codes: list[str], total: int, method: str) -> None:
    result = allocate(AllocationRequest(municipalities=codes, total=total, method=method))
    assert sum(row.allocated for row in result.rows) == total
    assert sum(row.quota for row in result.rows) == total  # exact
    assert sum(row.share for row in result.rows) == 1
    assert all(row.allocated >= 0 for row in result.rows)
    if method == "hamilton":
        assert all(math.floor(row.quota) <= row.allocated <= math.ceil(row.quota) for row in result.rows)


@FAST
@given(codes=groups, total=totals, method=methods, seed=st.randoms(use_true_random=False))
def test_shuffling_the_rows_changes_nothing(codes: list[str], total: int, method: str, seed: random.Random) -> None:
    shuffled = list(codes)
    seed.shuffle(shuffled)
    names = [DS.municipalities[c].name for c in shuffled]
    a = allocate(AllocationRequest(municipalities=codes, total=total, method=method))
    b = allocate(AllocationRequest(municipalities=names, total=total, method=method))
    assert a.to_json() == b.to_json()


@FAST
@given(codes=member_groups, total=totals, method=methods, w=st.integers(min_value=0, max_value=10), scale=st.integers(min_value=1, max_value=50))
def test_blend_weights_share_based_and_normalised(codes: list[str], total: int, method: str, w: int, scale: int) -> None:
    key = {"inwoners": w, "corporatiewoningen": 10 - w} if w != 10 else {"inwoners": 1}
    a = allocate(AllocationRequest(municipalities=codes, total=total, method=method, key=key))
    scaled_key = {k: v * scale for k, v in key.items()}
    b = allocate(AllocationRequest(municipalities=codes, total=total, method=method, key=scaled_key))
    assert [r.allocated for r in a.rows] == [r.allocated for r in b.rows]
    # units never matter: the population in thousands of persons gives the same shares
    thousands = with_column("inwoners_x", {c: v * 1000 for c, v in DS.values["inwoners"].items()})
    key_x = {("inwoners_x" if k == "inwoners" else k): v for k, v in key.items()}
    c = allocate(AllocationRequest(municipalities=codes, total=total, method=method, key=key_x), thousands)
    assert [r.quota for r in a.rows] == [r.quota for r in c.rows]


@FAST
@given(
    codes=groups,
    total=totals,
    method=methods,
    cap=st.integers(min_value=1, max_value=200),
    floor=st.integers(min_value=0, max_value=30),
)
def test_caps_and_floors_hold_or_a_clear_error(codes: list[str], total: int, method: str, cap: int, floor: int) -> None:
    fraction = Fraction(cap, 100_000)  # cap: fraction × woningen
    request = AllocationRequest(municipalities=codes, total=total, method=method, caps={"woningen": float(fraction)}, floors={"minimum": 1})
    ds = with_column("minimum", {c: Fraction(floor if i % 3 == 0 else 0) for i, c in enumerate(ALL)})
    caps = {c: math.floor(Fraction(repr(float(fraction))) * DS.values["woningen"][c]) for c in codes}
    floors = {c: int(ds.values["minimum"][c]) for c in codes}
    if any(floors[c] > caps[c] for c in codes) or sum(floors.values()) > total or sum(caps.values()) < total:
        with pytest.raises(AllocationError) as info:
            allocate(request, ds)
        assert any(word in info.value.message for word in ("minimum", "minima", "maxima"))
        return
    result = allocate(request, ds)
    assert sum(r.allocated for r in result.rows) == total
    # the excess is redistributed proportionally: everybody not held by a bound gets share × one level
    free = {r.quota / r.key_value for r in result.rows if r.key_value > 0 and floors[r.cbs_code] < r.quota < caps[r.cbs_code]}
    assert len(free) <= 1
    for row in result.rows:
        assert floors[row.cbs_code] <= row.allocated <= caps[row.cbs_code]
        assert floors[row.cbs_code] <= row.quota <= caps[row.cbs_code]
        if method == "hamilton":
            assert math.floor(row.quota) <= row.allocated <= math.ceil(row.quota)


@FAST
@given(codes=member_groups, total=totals, method=methods, data=st.data())
def test_existing_effort_is_topped_up_towards_proportional(codes: list[str], total: int, method: str, data: st.DataObject) -> None:
    existing = {c: Fraction(data.draw(st.integers(min_value=0, max_value=400))) for c in codes}
    ds = with_column("bestaand", existing)
    result = allocate(AllocationRequest(municipalities=codes, total=total, method=method, existing="bestaand"), ds)
    assert sum(r.allocated for r in result.rows) == total
    assert all(r.allocated >= 0 and r.quota >= 0 for r in result.rows)
    # water-filling: all who receive something end at the same level (existing + quota) / share;
    # those who receive nothing are already at or above it
    levels = {(existing[r.cbs_code] + r.quota) / r.key_value for r in result.rows if r.quota > 0}
    assert len(levels) == 1
    level = levels.pop()
    assert all(existing[r.cbs_code] / r.key_value >= level for r in result.rows if r.quota == 0)


@FAST
@given(codes=groups, total=totals, method=methods, years=st.integers(min_value=2, max_value=10))
def test_years_add_up_per_municipality_and_per_year(codes: list[str], total: int, method: str, years: int) -> None:
    result = allocate(AllocationRequest(municipalities=codes, total=total, method=method, years=years))
    assert result.year_totals is not None and sum(result.year_totals) == total
    assert max(result.year_totals) - min(result.year_totals) <= 1
    for row in result.rows:
        assert row.per_year is not None and sum(row.per_year) == row.allocated and min(row.per_year) >= 0
    per_year = [row.per_year for row in result.rows if row.per_year is not None]
    year_totals = result.year_totals
    for y in range(years):
        assert sum(years_of_row[y] for years_of_row in per_year) == year_totals[y]


# --- worked examples ---------------------------------------------------------------------------------


def test_haaglanden_by_population() -> None:
    result = allocate(AllocationRequest(region="Haaglanden", total=100, group="statushouders", focus="Den Haag"))
    assert result.region == "Regio Haaglanden"
    assert result.focus == "'s-Gravenhage"
    den_haag = result.row("GM0518")
    assert den_haag is not None
    assert den_haag.quota == Fraction(100 * 566_221, 1_018_859)  # exact, from the CBS figures
    assert den_haag.allocated == 55
    assert [r.municipality for r in result.rows][:2] == ["Leidschendam-Voorburg", "Midden-Delfland"]


def test_json_has_exactly_the_documented_shape() -> None:
    data = allocate(AllocationRequest(region="Parkstad", total=60)).to_json()
    assert list(data) == ["region", "total", "key", "method", "group", "focus", "rows", "trace", "data_sources", "unit"]
    assert list(data["rows"][0]) == ["municipality", "cbs_code", "key_value", "share", "quota", "allocated"]
    assert list(data["data_sources"][0]) == ["indicator", "reference_date", "source"]
    assert data["data_sources"][0]["reference_date"] == "2024-01-01"
    assert all(isinstance(line, str) for line in data["trace"])


def test_trace_explains_and_names_sources() -> None:
    result = allocate(AllocationRequest(region="MRA", total=250, key={"inwoners": 0.7, "corporatiewoningen": 0.3}, method="sainte-lague"))
    text = "\n".join(result.trace)
    assert "0,7 × inwoners + 0,3 × corporatiewoningen" in text
    assert "85984NED" in text and "86165NED" in text
    assert "1 januari 2024" in text and "1 januari 2025" in text
    assert "≈189.840 ±2.434" in text  # Amsterdam's derived social stock, rounded and with its margin
    assert "afgeleid als corporatie_pct / 100 × woningen_2025" in text
    assert "Sainte-Laguë" in text and "gelijkstand" in text
    assert {s.indicator for s in result.data_sources} == {"inwoners", "corporatiewoningen"}


def test_existing_effort_example() -> None:
    # Den Haag already houses far more than its share: it gets nothing, the others share the 40
    ds = with_column("gehuisvest", {"GM0518": Fraction(500), "GM0503": Fraction(0), "GM0603": Fraction(0)})
    result = allocate(AllocationRequest(municipalities=["Den Haag", "Delft", "Rijswijk"], total=40, existing="gehuisvest"), ds)
    assert allocated(result, "GM0518") == 0
    assert sum(r.allocated for r in result.rows) == 40
    assert any(line.startswith("Al boven hun aandeel (krijgen 0") and "'s-Gravenhage (bestaand 500" in line for line in result.trace)


def test_caps_redistribute_the_excess() -> None:
    ds = with_column("vrijkomend", {c: Fraction(100) for c in DS.members["Regio Haaglanden"]})
    result = allocate(AllocationRequest(region="Haaglanden", total=120, caps={"vrijkomend": 0.5}), ds)
    assert allocated(result, "GM0518") == 50
    assert sum(r.allocated for r in result.rows) == 120
    assert any("Op hun maximum gezet: 's-Gravenhage (50)" in line for line in result.trace)


def test_compare_methods_marks_differences() -> None:
    comparison = compare_methods(AllocationRequest(region="MRA", total=97))
    assert set(comparison.results) == set(METHODS)
    assert comparison.differing  # D'Hondt favours Amsterdam here
    amsterdam = {m: allocated(r, "GM0363") for m, r in comparison.results.items()}
    assert amsterdam["dhondt"] >= amsterdam["sainte-lague"]
    assert "GM0363" in comparison.differing
    assert set(comparison.to_json()) == {"methods", "differences"}


def test_same_result_every_time() -> None:
    request = AllocationRequest(region="GMR", total=333, key={"huishoudens": 1, "corporatiewoningen": 2}, method="dhondt", years=4)
    assert allocate(request).to_json() == allocate(request).to_json()


# --- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "fragment"),
    [
        (-5, "groter dan 0"),
        (0, "groter dan 0"),
        (2.5, "geheel aantal"),
        ("2,5", "geheel aantal"),
        (float("nan"), "gewoon getal"),
        ("nan", "gewoon getal"),
        (float("inf"), "gewoon getal"),
        (10**12, "onwaarschijnlijk groot"),
        ("veel", "moet een getal zijn"),
        ("1.000", "dubbelzinnig"),
        (True, "moet een getal zijn"),
    ],
)
def test_bad_totals(total: object, fragment: str) -> None:
    with pytest.raises(AllocationError) as info:
        AllocationRequest.parse(region="MRA", total=total)
    assert fragment in info.value.message


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"region": "Randstad"}, "Onbekende regio"),
        ({"region": "Haaglandn"}, "Bedoelt u Regio Haaglanden"),
        ({"municipalities": ["Amsterdm"]}, "bedoelt u Amsterdam"),
        ({"municipalities": ["Delft", "Twente"]}, "is een regio (Regio Enschede); gebruik daarvoor --regio"),
        ({"municipalities": [" , "]}, "leeg"),
        ({"municipalities": []}, "leeg"),
        ({"municipalities": ["Delft", "delft"]}, "twee keer"),
        ({"region": "MRA", "municipalities": ["Delft"]}, "niet allebei"),
        ({}, "Geef een regio"),
        ({"region": "MRA", "key": {"inwoners": -1}}, "negatief"),
        ({"region": "MRA", "key": {"inwoners": 0, "woningen": 0}}, "Alle gewichten"),
        ({"region": "MRA", "key": {}}, "leeg"),
        ({"municipalities": ["Delft", "Den Haag"], "key": {"huishoudens": 1}}, "ontbreekt voor 1 gemeente in de groep: Delft"),
        ({"region": "MRA", "key": {"vrijkomende_woningen": 1}}, "--data"),
        ({"region": "MRA", "focus": "Delft"}, "hoort niet bij"),
        ({"region": "MRA", "method": "loting"}, "Onbekende methode"),
        ({"region": "MRA", "years": 0}, "tussen 1 en"),
        ({"region": "Haaglanden", "caps": {"woningen": 0.00001}}, "er ontbreken"),
        ({"region": "Haaglanden", "floors": {"woningen": 0.01}}, "De minima vragen samen"),
    ],
)
def test_bad_requests_get_a_dutch_message(fields: dict[str, object], fragment: str) -> None:
    with pytest.raises(AllocationError) as info:
        allocate(AllocationRequest.parse(total=100, **fields))
    assert fragment in info.value.message


def test_absolute_caps_and_floors() -> None:
    result = allocate(AllocationRequest(region="Haaglanden", total=100, cap_absolute=30, floor_absolute=3))
    assert all(3 <= r.allocated <= 30 for r in result.rows)
    assert allocated(result, "GM0518") == 30
    assert sum(r.allocated for r in result.rows) == 100
    text = "\n".join(result.trace)
    assert "vastgezet op het maximum" in text and "vastgezet op het minimum" in text
    with pytest.raises(AllocationError, match="er ontbreken 20 van de 100"):
        allocate(AllocationRequest(region="Haaglanden", total=100, cap_absolute=10))


def test_to_frame_has_dutch_columns() -> None:
    frame = allocate(AllocationRequest(region="Parkstad", total=60, years=2)).to_frame()
    assert list(frame.columns) == ["gemeente", "cbs_code", "inwoners", "sleutelwaarde", "aandeel", "quotum", "toegewezen", "jaar 1", "jaar 2"]
    assert frame["toegewezen"].sum() == 60 and len(frame) == 7


def test_result_reads_back_from_its_json(tmp_path: Path) -> None:
    from allocation.export import export_result
    from allocation.models import AllocationResult

    result = allocate(AllocationRequest(region="Twente", total=45, years=3, cap_absolute=12))
    again = AllocationResult.model_validate(result.to_json())
    assert again.to_json() == result.to_json()
    assert export_result(again, tmp_path / "v.xlsx").exists()


@FAST
@given(codes=member_groups, total=totals, method=methods, data=st.data())
def test_existing_with_caps_and_floors_is_water_filling(codes: list[str], total: int, method: str, data: st.DataObject) -> None:
    existing = {c: Fraction(data.draw(st.integers(min_value=0, max_value=300))) for c in codes}
    caps = {c: Fraction(data.draw(st.integers(min_value=0, max_value=400))) for c in codes}
    floors = {c: Fraction(data.draw(st.integers(min_value=0, max_value=5))) for c in codes}
    ds = with_column("maxi", caps, with_column("mini", floors, with_column("bestaand", existing)))
    request = AllocationRequest(municipalities=codes, total=total, method=method, existing="bestaand", caps={"maxi": 1}, floors={"mini": 1})
    if any(floors[c] > caps[c] for c in codes) or sum(floors.values()) > total or sum(caps.values()) < total:
        with pytest.raises(AllocationError):
            allocate(request, ds)
        return
    result = allocate(request, ds)
    assert sum(r.allocated for r in result.rows) == total
    assert sum(r.quota for r in result.rows) == total
    free_levels = set()
    for r in result.rows:
        lo, hi, e = floors[r.cbs_code], caps[r.cbs_code], existing[r.cbs_code]
        assert lo <= r.allocated <= hi and lo <= r.quota <= hi
        if lo < r.quota < hi:
            free_levels.add((e + r.quota) / r.key_value)
    assert len(free_levels) <= 1
    if free_levels:
        level = free_levels.pop()
        for r in result.rows:
            lo, hi, e = floors[r.cbs_code], caps[r.cbs_code], existing[r.cbs_code]
            if r.quota == hi and hi > lo:
                assert (e + hi) / r.key_value <= level  # held by its cap: it would have wanted more
            elif r.quota == lo and hi > lo:
                assert (e + lo) / r.key_value >= level  # at its floor: already at or above the level


def test_heel_nederland_shares_over_every_municipality_and_says_it_is_a_reconstruction() -> None:
    from allocation.data import load_dataset

    result = allocate(AllocationRequest(region="heel Nederland", total=13000, focus="Zaanstad"))
    assert len(result.rows) == len(load_dataset().municipalities) == 342
    assert sum(row.allocated for row in result.rows) == 13000
    assert result.focus == "Zaanstad"
    assert any("reconstructie" in line for line in result.trace)
    same = allocate(AllocationRequest(region="Nederland", total=13000))
    assert [r.allocated for r in same.rows] == [r.allocated for r in result.rows]
