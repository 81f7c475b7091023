"""The soak's verdict: growth judged on the cold reading, slopes fitted per hour."""

from __future__ import annotations

import pytest

from tests.monkey import Report


def test_slopes_are_least_squares_per_hour_over_all_reports_and_the_second_half():
    report = Report()
    # rss rises 3 MB per hour; the cold reading 1 MB per hour, then flat in the second half.
    report.readings = [(m, 140 + 3 * m / 60, 120 + min(m, 60) / 60) for m in range(5, 125, 5)]
    rss, cold = report.slopes_mb_per_hour()
    assert rss == pytest.approx(3.0)
    assert 0.3 < cold < 1.0  # between the first hour's 1 MB/h and the second's 0
    _, cold_late = report.slopes_mb_per_hour(last_half=True)
    assert cold_late == pytest.approx(0.0, abs=1e-9)
    assert "a day at that cold slope: +0 MB" in report.summary()


def test_too_few_reports_give_no_slope():
    report = Report()
    report.readings = [(5.0, 140.0, 120.0), (10.0, 141.0, 120.5)]
    assert report.slopes_mb_per_hour() is None
    assert "slope" not in report.summary()


def test_growth_is_judged_on_the_cold_reading_when_there_is_one():
    report = Report(rss_warm_mb=140.0, rss_end_mb=148.0)  # the caches happened to be full
    assert not report.clean(5.0)
    report.cold_warm_mb, report.cold_end_mb = 120.0, 122.0
    assert report.clean(5.0)
    report.cold_end_mb = 126.0
    assert not report.clean(5.0)
    report.cold_end_mb = 121.0
    report.findings.errors.append("an error")
    assert not report.clean(5.0)


def test_growth_after_settling_is_judged_and_growth_since_the_tour_is_reported_too():
    report = Report(rss_tour_mb=140.0, cold_tour_mb=120.0,  # after the tour
                    rss_warm_mb=146.0, cold_warm_mb=126.0,  # after the settling minutes
                    rss_end_mb=148.0, cold_end_mb=128.0)
    assert report.clean(5.0)  # +2 MB since settling
    summary = report.summary()
    assert "after warm-up 126.0 MB, end 128.0 MB (growth +2.0 MB)" in summary
    assert "cold 120.0 -> 128.0 MB (+8.0)" in summary
    assert "since the tour" not in Report(cold_warm_mb=126.0, cold_end_mb=128.0).summary()
