"""Issue 14.13: the README tells a newcomer how to serve elsewhere, that the demo starts
afresh, what the task worker does, and what to try first as each role."""

from pathlib import Path

from voorop.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_email

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_the_readme_says_how_to_serve_on_another_port():
    assert "make demo DEMO_ADDRESS=127.0.0.1:8080" in README
    assert "voorop serve 8080" in README
    assert "VOOROP_SITE_URL" in README


def test_the_readme_says_the_demo_starts_afresh():
    assert "starts afresh each time" in README


def test_the_readme_says_what_the_task_worker_does():
    assert "The task worker" in README
    assert "The worker sends the e-mails" in README


def test_the_readme_has_a_tour_for_every_demo_role():
    assert "A short tour" in README
    assert DEMO_PASSWORD in README
    assert "voorop democode" in README
    for role, name, _area in DEMO_ACCOUNTS:
        assert demo_email(str(role)) in README
        assert f"**{role}** ({name}" in README
