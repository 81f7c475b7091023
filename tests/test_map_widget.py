"""The map widget, tapped as a patient would: pins where they belong, clusters that zoom, insets."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk import paths
from kiosk.locator import SearchQuery
from kiosk.locator.directory import Directory
from kiosk.locator.geo import haversine_miles, lookup_zip
from kiosk.ui import i18n
from kiosk.ui.widgets.usmap import UsMap

SIZES = [(800, 700), (500, 420), (1000, 460), (420, 900)]


@pytest.fixture(scope="module")
def directory():
    d = Directory.open(paths.builtin_clinics_path())
    yield d
    d.close()


def search(directory, zip_code, radius):
    result = directory.search(SearchQuery(zip=zip_code, radius_miles=radius))
    return result.outpatient, result.origin


@pytest.fixture
def make_map(qtbot):
    def make(size=(800, 700), theme="default", px=22):
        m = UsMap()
        qtbot.addWidget(m)
        m.resize(*size)
        m.set_appearance(theme, px)
        m.show()
        qtbot.waitExposed(m)
        return m

    return make


def show(m, clinics, origin, radius):
    m.set_results(clinics, list(range(1, len(clinics) + 1)), origin, radius)
    m.grab()  # paint once, as the screen would


def moved(clinic, lat, lon, n):
    return clinic._replace(id=f"{clinic.id}-{n}", lat=lat, lon=lon)


@pytest.mark.parametrize("size", SIZES)
def test_single_pins_sit_at_their_projected_positions(make_map, directory, size):
    """Drawn where the clinic projects, and pixel distances match miles on the ground."""
    m = make_map(size)
    clinics, origin = search(directory, "60601", 250)
    show(m, clinics, origin, 250)
    singles = [g[0] for g in m.clusters() if len(g) == 1]
    assert len(singles) >= 3
    scale = m.px_per_mile()
    for n in singles:
        drawn, true = m.pin_position(n), m.true_position(n)
        assert abs(drawn.x() - true.x()) <= 1 and abs(drawn.y() - true.y()) <= 1
        assert m.rect().contains(drawn)
    by_number = {i + 1: c for i, c in enumerate(clinics)}
    for a in singles:
        for b in singles:
            if a < b:
                ca, cb = by_number[a], by_number[b]
                pa, pb = m.true_position(a), m.true_position(b)
                px = math.hypot(pa.x() - pb.x(), pa.y() - pb.y())
                miles = haversine_miles(ca.lat, ca.lon, cb.lat, cb.lon)
                assert px == pytest.approx(miles * scale, rel=0.03, abs=3)
                if ca.lon < cb.lon - 0.5 and abs(ca.lat - cb.lat) < 0.2:
                    assert pa.x() < pb.x()  # west is left


def test_the_same_results_show_the_same_geography_at_any_size(make_map, directory):
    clinics, origin = search(directory, "60601", 250)
    spots = []
    for size in SIZES:
        m = make_map(size)
        show(m, clinics, origin, 250)
        o = m.true_position(1)
        spots.append((m.px_per_mile(), [(m.true_position(n).x() - o.x(), m.true_position(n).y() - o.y())
                                         for n in range(2, len(clinics) + 1)]))
    base_scale, base = spots[0]
    for scale, vectors in spots[1:]:
        k = scale / base_scale
        for (bx, by), (x, y) in zip(base, vectors, strict=True):
            assert x == pytest.approx(bx * k, abs=1.5) and y == pytest.approx(by * k, abs=1.5)


def test_the_radius_circle_fills_the_map(make_map, directory):
    """Fitted to the radius: 50 miles across the short side is about 100 miles of map."""
    clinics, origin = search(directory, "60601", 50)
    for size in SIZES:
        m = make_map(size)
        show(m, clinics, origin, 50)
        area = m.map_rect()
        span = min(area.width(), area.height()) / m.px_per_mile()
        assert 100 <= span <= 145, (size, span)  # the rest is the margin for pins at the edge


def test_cluster_counts_are_right_and_a_tap_zooms_to_its_members(make_map, directory, qtbot):
    m = make_map((700, 600))
    clinics, origin = search(directory, "10001", 25)
    show(m, clinics, origin, 25)
    groups = m.clusters()
    assert sorted(n for g in groups for n in g) == list(range(1, len(clinics) + 1))
    big = max(groups, key=len)
    assert len(big) > 1
    pos = m.pin_position(big[0])
    assert m.pin_at(pos) is None
    assert sorted(p.number for p in m.cluster_at(pos)) == sorted(big)
    before = m.px_per_mile()
    with qtbot.waitSignal(m.view_changed, timeout=1000):
        qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=pos)
    assert m.is_zoomed_in() and m.px_per_mile() > before * 1.5
    members = set(big)
    for n in big:  # every member is still on the map after the zoom
        assert m.rect().contains(m.pin_position(n))
    assert len([g for g in m.clusters() if set(g) & members]) > 1  # it came apart
    # "Show all results" goes back to the fitted view.
    rect = m.show_all_rect()
    with qtbot.waitSignal(m.view_changed, timeout=1000):
        qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert not m.is_zoomed_in() and m.clusters() == groups


def test_clinics_on_one_spot_fan_out_at_the_closest_zoom(make_map, directory, qtbot):
    clinics, origin = search(directory, "10001", 10)
    same = [moved(clinics[0], 40.75, -73.99, k) for k in range(6)]
    m = make_map((600, 500))
    show(m, same, origin, 10)
    assert m.clusters() == [[1, 2, 3, 4, 5, 6]]
    for _ in range(6):  # tap until the cluster can go no closer; then the pins part
        groups = m.clusters()
        if len(groups) == 6:
            break
        qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=m.pin_position(1))
    assert sorted(m.clusters()) == [[n] for n in range(1, 7)]
    seen = [m.pin_position(n) for n in range(1, 7)]
    for i, a in enumerate(seen):
        for b in seen[i + 1:]:
            assert math.hypot(a.x() - b.x(), a.y() - b.y()) >= 2 * m.pin_radius()
    with qtbot.waitSignal(m.clinic_tapped, timeout=1000) as sig:
        qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=seen[3])
    assert sig.args[0].id == same[3].id


def test_a_tap_on_a_pin_reports_that_clinic(make_map, directory, qtbot):
    m = make_map()
    clinics, origin = search(directory, "69201", 250)  # rural Nebraska: a few far-apart pins
    show(m, clinics, origin, 250)
    number = [g for g in m.clusters() if len(g) == 1][-1][0]
    pos = m.pin_position(number)
    off = QPoint(pos.x() + 6, pos.y() - 6)  # a little off centre still counts
    assert m.pin_at(off).number == number
    with qtbot.waitSignal(m.clinic_tapped, timeout=1000) as sig:
        qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=off)
    assert sig.args[0].id == clinics[number - 1].id
    with qtbot.assertNotEmitted(m.clinic_tapped):
        qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))


@pytest.mark.parametrize(("zip_code", "zone"), [("99501", "AK"), ("96813", "HI"), ("00901", "PR"),
                                                ("10001", "L48")])
def test_alaska_hawaii_and_puerto_rico_show_in_their_own_projection(make_map, directory, zip_code, zone):
    clinics, origin = search(directory, zip_code, 50)
    assert clinics
    m = make_map()
    show(m, clinics, origin, 50)
    assert m.view_zone() == zone and m.insets() == []
    for n in range(1, len(clinics) + 1):
        assert m.rect().contains(m.pin_position(n))


def test_results_in_several_zones_use_the_national_view_with_insets(make_map, directory):
    ak, _ = search(directory, "99501", 50)
    hi, _ = search(directory, "96813", 50)
    pr, _ = search(directory, "00901", 50)
    ny, _ = search(directory, "10001", 10)
    clinics = [ak[0], hi[0], pr[0], ny[0]]
    m = make_map((900, 640))
    show(m, clinics, None, None)
    assert m.view_zone() is None
    assert m.insets() == ["AK", "HI", "PR"]
    for number, code in ((1, "AK"), (2, "HI"), (3, "PR")):
        assert m.inset_rect(code).contains(m.true_position(number)), code
    ny_at = m.true_position(4)
    assert not any(m.inset_rect(c).contains(ny_at) for c in ("AK", "HI", "PR"))


def test_no_results_show_the_whole_country(make_map):
    m = make_map()
    m.clear()
    m.grab()
    assert m.view_zone() is None and m.insets() == ["AK", "HI", "PR"]
    assert m.accessibleDescription() == "Map of the United States"


def test_clinics_off_the_map_are_left_out_not_misplaced(make_map, directory):
    clinics, origin = search(directory, "10001", 10)
    guam = moved(clinics[0], 13.44, 144.79, 99)
    m = make_map()
    show(m, [*clinics[:2], guam], origin, 10)
    assert [p.number for p in m.pins()] == [1, 2]


def test_the_accessible_description_says_what_the_map_shows(make_map, directory):
    i18n.set_language("en")  # as the kiosk does at start: English plural forms come from its .qm
    clinics, origin = search(directory, "10001", 25)
    m = make_map()
    show(m, clinics, origin, 25)
    assert m.accessibleDescription() == f"Map: {len(clinics)} clinics within 25 miles of 10001"
    show(m, clinics[:1], origin, 25)
    assert m.accessibleDescription() == "Map: 1 clinic within 25 miles of 10001"
    i18n.set_language("es")
    try:
        show(m, clinics, origin, 25)
        assert m.accessibleDescription() == f"Mapa: {len(clinics)} clínicas a menos de 25 millas de 10001"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
def test_both_themes_paint_land_water_and_pins_in_their_colours(make_map, directory, theme):
    from kiosk.ui.theme import palette

    pal = palette(theme)
    clinics, origin = search(directory, "69201", 250)
    m = make_map((600, 500), theme=theme)
    show(m, clinics, origin, 250)
    image = m.grab().toImage()
    pos = m.pin_position(1)
    below_number = QPoint(pos.x(), pos.y() + round(m.pin_radius() * 0.75))
    assert image.pixelColor(below_number).name().upper() == pal.accent.upper()
    # Land and sea tell apart in both themes: north New Jersey and the Atlantic off Long Island.
    from kiosk.locator import mapgeo

    ny, ny_origin = search(directory, "10001", 50)
    show(m, ny, ny_origin, 50)
    image = m.grab().toImage()
    land = m.to_px(*mapgeo.project(41.05, -74.45)).toPoint()
    sea = m.to_px(*mapgeo.project(40.30, -73.40)).toPoint()
    land_l = image.pixelColor(land).lightnessF()
    sea_l = image.pixelColor(sea).lightnessF()
    if theme == "default":
        assert land_l > sea_l + 0.05
    else:
        assert sea_l > land_l + 0.05


def test_larger_text_makes_larger_pins_and_labels(make_map, directory):
    clinics, origin = search(directory, "69201", 250)
    small, large = make_map(px=22), make_map(px=33)
    show(small, clinics, origin, 250)
    show(large, clinics, origin, 250)
    assert large.pin_radius() > small.pin_radius()
    assert large.legend_height() > small.legend_height()


def test_origin_zip_lookup_matches_what_the_map_marks(make_map):
    origin = lookup_zip("10001")
    m = make_map()
    m.set_results([], [], origin, 25)
    m.grab()
    assert m.view_zone() == "L48"


def test_a_cluster_in_the_national_view_zooms_into_its_zone_and_back(make_map, directory, qtbot):
    ny, _ = search(directory, "10001", 10)
    ak, _ = search(directory, "99501", 50)
    clinics = [*ny[:5], ak[0]]
    m = make_map((700, 500))
    show(m, clinics, None, None)
    assert m.view_zone() is None
    groups = m.clusters()
    assert [6] in groups  # Alaska's pin never joins New York's cluster
    ny_group = next(g for g in groups if 1 in g)
    assert len(ny_group) == 5
    with qtbot.waitSignal(m.view_changed, timeout=1000):
        qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=m.pin_position(1))
    assert m.view_zone() == "L48" and m.insets() == []
    with qtbot.waitSignal(m.view_changed, timeout=1000):
        qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=m.show_all_rect().center().toPoint())
    assert m.view_zone() is None and m.clusters() == groups


def test_clear_forgets_every_clinic_and_the_zip_at_once(make_map, directory):
    clinics, origin = search(directory, "10001", 25)
    m = make_map()
    show(m, clinics, origin, 25)
    m.hide()
    m.clear()  # hidden: no paint follows, so nothing may linger until one
    held = [v for v in vars(m).values() if isinstance(v, list) and v]
    assert m.pins() == [] and m._drawn == [] and m._origin is None and not held
    assert "10001" not in m.accessibleDescription()


def test_text_steps_and_contrast_reuse_the_drawn_outlines_and_paint_the_same(make_map, directory,
                                                                           monkeypatch):
    clinics, origin = search(directory, "10001", 50)
    drawn = []
    real = UsMap._draw_outlines
    monkeypatch.setattr(UsMap, "_draw_outlines",
                        lambda self, *a: drawn.append(self) or real(self, *a))
    m = make_map((700, 560))
    show(m, clinics, origin, 50)
    looks = [("default", 22), ("default", 28), ("high-contrast", 28), ("high-contrast", 22),
             ("default", 22)]
    for theme_name, px in looks:
        m.set_appearance(theme_name, px)
        m.grab()
    assert drawn.count(m) == 4  # the last look was drawn before: its outlines are reused
    for theme_name, px in looks[:4]:
        m.set_appearance(theme_name, px)
        reused = m.grab().toImage()
        assert drawn.count(m) == 4
        fresh = make_map((700, 560), theme=theme_name, px=px)
        show(fresh, clinics, origin, 50)
        assert reused == fresh.grab().toImage(), (theme_name, px)
    m.clear()  # a new search of the same place at the same look finds them drawn
    show(m, clinics, origin, 50)
    assert drawn.count(m) == 4
