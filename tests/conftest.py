"""Shared fixtures: guides built once per test session from real content and fixtures."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONTENT = ROOT / "content" / "china-russia-relations.yaml"

settings.register_profile("quick", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@dataclass
class Built:
    unit: object            # studyguide.model.Unit
    student: Path
    teacher: Path


def build(src: Path, out: Path, paper: str | None = None) -> Built:
    from studyguide.build import BuildOptions, build_unit
    from studyguide.validate import load_unit

    result = build_unit(src, BuildOptions(out_dir=out, paper=paper))
    errors = [p.format() for p in result.problems if p.is_error]
    assert not errors, "\n".join(errors)
    unit, _ = load_unit(src)
    slug = src.stem
    return Built(unit, out / f"{slug}.pdf", out / f"{slug}-teacher.pdf")


@pytest.fixture(scope="session")
def first_unit(tmp_path_factory) -> Built:
    return build(CONTENT, tmp_path_factory.mktemp("first"))


@pytest.fixture(scope="session")
def oddities(tmp_path_factory) -> Built:
    return build(FIXTURES / "pdf" / "oddities.yaml", tmp_path_factory.mktemp("odd"))


@pytest.fixture(scope="session", params=["first", "odd"])
def guide(request) -> Built:
    return request.getfixturevalue("first_unit" if request.param == "first" else "oddities")
