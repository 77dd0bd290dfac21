"""The built documentation site, as a reader on an intranet opens it.

The site is built once, into a temporary folder, with the project's own
configuration (``mkdocs build --strict``); its pages must load nothing from
another host, and the home page must show the timeline drawn at the build.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pendulum
import pytest

from incompany_rules import milestones
from incompany_rules.examples import confirmed_session

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once for this module and return its folder."""
    folder = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(folder)]
    subprocess.run(  # noqa: S603 (a fixed command)
        command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    return folder


class Loads(HTMLParser):
    """Collect every address a page makes the browser fetch as it opens."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed"}:
            self.addresses += [found[name] for name in ("src", "srcset") if name in found]
        if tag == "img" and "src" in found:
            self.images.append(found["src"])
        if tag == "link" and "href" in found:
            fetched = {"stylesheet", "preload", "preconnect", "modulepreload", "icon", "manifest"}
            if fetched & set(found.get("rel", "").split()):
                self.addresses.append(found["href"])
        if tag == "object" and "data" in found:
            self.addresses.append(found["data"])
        if "mermaid" in found.get("class", "").split():
            # The theme fetches mermaid from a public CDN when a page has such a block.
            self.addresses.append("https://unpkg.com/mermaid")


def loads(page: Path) -> Loads:
    parser = Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def is_remote(address: str) -> bool:
    return bool(urlsplit(address.strip()).netloc)


class TestOffline:
    def test_the_checker_sees_a_page_that_loads_from_another_host(self, tmp_path: Path) -> None:
        page = tmp_path / "page.html"
        page.write_text(
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
            '<script src="//cdn.example/x.js"></script><script src="assets/local.js"></script>'
            '<div class="mermaid">gantt</div>'
        )
        found = [address for address in loads(page).addresses if is_remote(address)]
        expected = [
            "https://fonts.googleapis.com/css?family=Roboto",
            "//cdn.example/x.js",
            "https://unpkg.com/mermaid",
        ]
        assert expected == found

    def test_no_page_loads_anything_from_another_host(self, site: Path) -> None:
        pages = sorted(site.rglob("*.html"))
        assert len(pages) > 20
        remote = {
            page.relative_to(site).as_posix(): address
            for page in pages
            for address in loads(page).addresses
            if is_remote(address)
        }
        assert {} == remote

    def test_no_stylesheet_imports_from_another_host(self, site: Path) -> None:
        remote = [
            sheet.relative_to(site).as_posix()
            for sheet in site.rglob("*.css")
            if "@import url(http" in sheet.read_text(encoding="utf-8")
        ]
        assert [] == remote


class TestHomePageTimeline:
    def test_the_home_page_shows_the_timeline_picture(self, site: Path) -> None:
        assert "timeline.svg" in loads(site / "index.html").images
        picture = ET.parse(site / "timeline.svg").getroot()  # noqa: S314 (our own build)
        assert f"{SVG}svg" == picture.tag

    def test_the_picture_names_every_milestone_of_the_example_session_on_its_day(
        self, site: Path
    ) -> None:
        picture = ET.parse(site / "timeline.svg").getroot()  # noqa: S314 (our own build)
        words = " ".join("".join(t.itertext()) for t in picture.iter(f"{SVG}text"))
        session = confirmed_session(pendulum.datetime(2026, 4, 1, 9, tz="Europe/Brussels"))
        for milestone in milestones(session):
            assert milestone.rule in words
            assert milestone.kind.value.replace("_", " ") in words.lower()
            assert f"{milestone.at:DD/MM}" in words
        assert "One session: class on Wednesday 1 April 2026, 09:00-12:30" in words
        assert "clocks change: UTC+2, 29/03" in words


def timeline_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "timeline_hook", ROOT / "docs" / "timeline_hook.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestTimelineDrawing:
    def test_each_day_with_milestones_is_one_row_in_order(self) -> None:
        hook = timeline_hook()
        session = confirmed_session(pendulum.datetime(2026, 10, 28, 9, tz="Europe/Brussels"))
        rows = hook.rows(session)
        days = [at.date() for at, _ in rows]
        assert sorted(set(days)) == days
        assert rows[-1][1] == "Evaluation (R14)"
        assert len({m.at.date() for m in milestones(session)}) == len(rows)

    def test_the_october_change_is_drawn_on_its_sunday(self) -> None:
        hook = timeline_hook()
        session = confirmed_session(pendulum.datetime(2026, 10, 28, 9, tz="Europe/Brussels"))
        assert "clocks change: UTC+1, 25/10" in hook.timeline(session)

    @pytest.mark.parametrize(
        ("width", "expected"),
        [
            (80, ["Free cancellation closes / platform link / participant access email (R15)"]),
            (45, ["Free cancellation closes / platform link /", "participant access email (R15)"]),
            (
                10,
                ["Free cancellation closes /", "platform link /", "participant access email (R15)"],
            ),
        ],
    )
    def test_long_labels_wrap_after_a_separator(self, width: int, expected: list[str]) -> None:
        label = "Free cancellation closes / platform link / participant access email (R15)"
        assert expected == timeline_hook().wrap(label, width)


SPHINX_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|attr|data|mod|exc|obj|const|ref|doc|term):")


class Prose(HTMLParser):
    """Collect the text of a page that is outside code (`<code>`, `<pre>`).

    Markdown reads a bare `>>>` line as three nested quotes and drops the
    `>>>`: a quote inside a quote counts as such an example.
    """

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.quotes = 0
        self.nested_quotes = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 (the parser's signature)
        if tag in {"code", "pre"}:
            self.depth += 1
        elif tag == "blockquote":
            self.quotes += 1
            self.nested_quotes += self.quotes > 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"code", "pre"}:
            self.depth -= 1
        elif tag == "blockquote":
            self.quotes -= 1

    def handle_data(self, data: str) -> None:
        if self.depth == 0:
            self.parts.append(data)


def faults(html: str) -> list[str]:
    """Return what shows that a page renders a docstring written for Sphinx."""
    parser = Prose()
    parser.feed(html)
    text = "".join(parser.parts)
    found = sorted(set(SPHINX_ROLE.findall(text)))
    if ">>>" in text or parser.nested_quotes:
        found.append(">>> outside a code block")
    if "```" in text:
        found.append("a code fence shown as text")
    return found


class TestReferencePages:
    @pytest.mark.parametrize(
        "html",
        [
            "<p>See :func:<code>fees_due</code>.</p>",
            "<blockquote><p>&gt;&gt;&gt; fees_due(session, now)</p></blockquote>",
            "<blockquote><blockquote><blockquote><p>fees_due()</p></blockquote></blockquote></blockquote>",
            "<p>```python\nhr_accounts(company=st.just(acme))\n```</p>",
        ],
    )
    def test_the_checker_sees_a_docstring_written_for_sphinx(self, html: str) -> None:
        assert [] != faults(html)

    def test_the_checker_accepts_examples_in_code_blocks(self) -> None:
        html = (
            '<div class="highlight"><pre><span></span><code><span class="gp">&gt;&gt;&gt; </span>'
            "fees_due(session, now)</code></pre></div><p>Uses <code>:func:</code> nowhere.</p>"
        )
        assert [] == faults(html)

    def test_no_page_shows_sphinx_roles_or_examples_outside_code_blocks(self, site: Path) -> None:
        pages = {page.relative_to(site).as_posix(): page for page in site.rglob("*.html")}
        found = {
            name: faults(page.read_text(encoding="utf-8")) for name, page in sorted(pages.items())
        }
        assert {} == {name: fault for name, fault in found.items() if fault}
