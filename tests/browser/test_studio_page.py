"""The Teacher Studio's page in headless Chromium against a real ``clarity studio``.

A teacher makes a pack in the browser (a picture dropped into a round, a choice, a true or
false and a number question), sees a problem on the field it is about and fixes it, saves,
and the saved file is valid for ``clarity validate`` and loads in the game; a pack changed
on disk meanwhile is not overwritten silently; and a question is reordered with the
keyboard alone. Controls are found by their role and accessible name, as a screen reader
finds them (:class:`browser.conftest.Browser`), never by id.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser.conftest import LAPTOP, PACK_ID, Browser, _is_displayed_atom, write_pack
from clarity.core.packs.loader import load_pack
from clarity.i18n import Translator
from clarity.resources import bundled_assets_dir
from clarity.studio import page_text

#: Where each role is looked for (the role itself is still Chromium's computed one).
CANDIDATES = {
    "textbox": "input, textarea",
    "checkbox": "input[type=checkbox]",
    "radio": "input[type=radio]",
    "spinbutton": "input[type=number]",
    "combobox": "select",
    "dialog": "dialog[open]",
    "button": "button",
}


class StudioBrowser(Browser):
    """The class game's :class:`Browser`, also finding text areas and dialogs."""

    def controls(self, role: str) -> list[tuple[str, Any]]:
        """The visible elements of ``role`` with their names: which candidates are shown is
        asked in one script (Selenium's ``isDisplayed`` atom over them all), not one round
        trip to the browser each."""
        from selenium.common.exceptions import StaleElementReferenceException

        candidates = CANDIDATES.get(role, "a, h1, h2, [role]")
        script = (
            f"const shown = ({_is_displayed_atom()});"
            " return Array.from(document.querySelectorAll(arguments[0]))"
            ".filter((element) => shown.apply(null, [element]));"
        )
        for _ in range(5):  # the page rebuilt a list meanwhile: look again
            try:
                return [
                    (element.accessible_name, element)
                    for element in self.driver.execute_script(script, candidates)
                    if element.aria_role == role
                ]
            except StaleElementReferenceException:
                continue
        return []

    def control(self, role: str, name: str) -> Any:
        """The one visible, enabled element of ``role`` named ``name`` (waits for it)."""

        def found() -> Any:
            matches = [e for n, e in self.controls(role) if n == name and e.is_enabled()]
            return matches[0] if len(matches) == 1 else None

        return self.wait_for(found, f"a {role} named {name!r}")

    def keys(self, *keys: str) -> None:
        """Keys pressed wherever the focus is, as a keyboard does."""
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).send_keys(*keys).perform()

    def chord(self, modifier: str, key: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).key_down(modifier).send_keys(key).key_up(modifier).perform()

    def focused_name(self) -> str:
        return str(self.driver.switch_to.active_element.accessible_name)

    def problem_of(self, element: Any) -> str:
        """The text of the problems ``element`` is described by (aria-describedby)."""
        from selenium.webdriver.common.by import By

        texts = []
        for ident in (element.get_attribute("aria-describedby") or "").split():
            for found in self.driver.find_elements(By.ID, ident):
                if "problem" in (found.get_attribute("class") or ""):
                    texts.append(found.text)
        return "\n".join(texts)

    def outline(self) -> list[str]:
        """The names of the buttons in the list the heading "Questions" names, in order."""
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.common.by import By

        for _ in range(5):  # the page rebuilt the list meanwhile: look again
            try:
                headings = [
                    e
                    for e in self.driver.find_elements(By.CSS_SELECTOR, "h2")
                    if e.text == "Questions"
                ]
                if not headings:  # the pack has not come yet
                    return []
                labelled = f"[aria-labelledby='{headings[0].get_attribute('id')}'] button"
                listed = self.driver.find_elements(By.CSS_SELECTOR, labelled)
                return [str(button.accessible_name) for button in listed]
            except StaleElementReferenceException:
                continue
        return []


STUDIO = (sys.executable, "-m", "clarity", "studio", "--no-browser")


def start_studio(data: Path, config: Path, language: str = "en") -> tuple[subprocess.Popen, str]:
    """``clarity studio --no-browser`` on its own data folder; its printed address."""
    env = {**os.environ, "CLARITY_LANG": language}
    process = subprocess.Popen(
        [*STUDIO, "--data-dir", str(data), "--config-dir", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("studio: "):
        process.kill()
        pytest.fail(f"clarity studio printed {line!r}; {process.communicate()[1]}")
    return process, line.removeprefix("studio: ").strip()


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Start the studio on ``tmp_path/data``: ``studio()`` gives its address."""
    processes: list[subprocess.Popen] = []

    def start(language: str = "en") -> str:
        process, url = start_studio(tmp_path / "data", tmp_path / "config", language)
        processes.append(process)
        return url

    try:
        yield start
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium: Callable[[tuple[int, int]], Browser]) -> StudioBrowser:
    return StudioBrowser(chromium(LAPTOP).driver)


def picture(path: Path) -> Path:
    """A real PNG of a planet with a ring, drawn with Pillow as a teacher's picture is."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (20, 24, 60))
    draw = ImageDraw.Draw(image)
    draw.ellipse((220, 140, 420, 340), fill=(230, 190, 120))
    draw.ellipse((140, 220, 500, 260), outline=(250, 230, 180), width=6)
    image.save(path, format="PNG")
    return path


def shown_file_input(browser: StudioBrowser, control: Any) -> bool:
    """A file input on a shown part of the page (hidden itself: its label shows it)."""
    script = "return arguments[0].closest('[hidden]') === null"
    return control.get_attribute("type") == "file" and browser.driver.execute_script(
        script, control
    )


def new_question(browser: StudioBrowser, kind: str, prompt: str) -> None:
    browser.press("+ Add a question")
    browser.wait_for(lambda: browser.focused_name() == "Question", "the new question's prompt")
    if kind != "Choice":
        from selenium.webdriver.support.ui import Select

        Select(browser.control("combobox", "Type")).select_by_visible_text(kind)
    browser.field("Question").send_keys(prompt)


@pytest.mark.slow  # a real server and a real Chromium: seconds
def test_a_teacher_makes_a_pack_with_a_picture_and_three_questions(
    browser: StudioBrowser, studio: Callable[..., str], tmp_path: Path
) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    browser.open(studio())
    browser.type_into("Title", "Planets · Планеты")
    Select(browser.control("combobox", "Language of the questions")).select_by_value("en")
    browser.press("Create")
    browser.wait_for_text("✓ All changes saved")
    examples = len(browser.outline())
    assert examples >= 1  # a new pack comes with an example to follow

    # the round: a picture chosen from the computer, its answer, and a tile for each question
    browser.press(next(n for n in browser.names("button") if n.startswith("Round 1")))
    chooser = browser.driver.find_element("css selector", "#item-form input[type=file]")
    chooser.send_keys(str(picture(tmp_path / "Saturn with rings.png")))
    browser.wait_for(
        lambda: "saturn" in browser.text().lower(),
        "the uploaded picture named in the round",
    )
    browser.type_into("What the picture shows (the answer to guess)", "Saturn")
    for name, value in (("Rows", "1"), ("Columns", "3")):
        field = browser.control("spinbutton", name)
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(value)
    browser.wait_for_text("3 tiles")
    assert len(browser.driver.find_elements("css selector", "#item-form .tiles .tile")) == 3

    # a choice question, first with no right choice ticked and one choice left empty
    new_question(browser, "Choice", "Which planet is closest to the Sun?")
    browser.field("Choice 1").send_keys("Mercury")
    second = browser.field("Choice 2")
    browser.wait_for(lambda: second.get_attribute("aria-invalid") == "true", "choice 2 invalid")
    said = browser.problem_of(second)
    assert said.startswith("✖ Error:"), said
    # the problem is drawn right under the choice's own line
    row = second.find_element("xpath", "ancestor::li[1]")
    below = row.find_element("xpath", "following-sibling::*[1]")
    assert "problem" in below.get_attribute("class")
    assert below.text == said
    second.send_keys("Venus")
    browser.wait_for(lambda: second.get_attribute("aria-invalid") is None, "choice 2 fixed")
    browser.control("checkbox", "Choice 1 is right").click()

    new_question(browser, "True or false", "The Moon is a planet.")
    browser.control("radio", "False").click()
    new_question(browser, "Number", "How many planets go round the Sun?")
    browser.field("The right number").send_keys("8")

    # the example questions go: the pack is the teacher's three
    for left in range(examples + 3, 3, -1):
        browser.press(browser.outline()[0])
        browser.press("Delete this question")
        browser.wait_for(lambda n=left: len(browser.outline()) == n - 1, "one question fewer")
    browser.wait_for(lambda: len(browser.outline()) == 3, "three questions left")
    browser.wait_for_text("✓ No problems found.")
    browser.chord(Keys.CONTROL, "s")
    browser.wait_for_text("✓ All changes saved")
    assert "Saved." in browser.said()

    packs = tmp_path / "data" / "packs"
    (saved,) = packs.glob("*.yaml")
    validated = subprocess.run(
        [sys.executable, "-m", "clarity", "validate", str(saved)],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "CLARITY_LANG": "en"},
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    loaded = load_pack(saved, assets_dir=bundled_assets_dir())
    assert loaded.ok, loaded.problems
    assert loaded.pack is not None
    pack = loaded.pack
    assert pack.title == "Planets · Планеты"
    assert [(q.type.value, q.prompt) for q in pack.questions] == [
        ("choice", "Which planet is closest to the Sun?"),
        ("truefalse", "The Moon is a planet."),
        ("number", "How many planets go round the Sun?"),
    ]
    assert pack.questions[0].choices == ("Mercury", "Venus")
    assert pack.questions[0].answer == "Mercury"
    assert pack.questions[1].answer is False
    assert pack.questions[2].answer == "8"
    (mystery,) = pack.rounds
    assert (mystery.answer, str(mystery.grid)) == ("Saturn", "1x3")
    picture_file = (saved.parent / mystery.image).resolve()
    assert picture_file.is_relative_to(packs.resolve())
    assert picture_file.read_bytes() == (tmp_path / "Saturn with rings.png").read_bytes()


@pytest.mark.slow  # a real server and a real Chromium: seconds
def test_a_pack_changed_on_disk_is_not_overwritten_silently(
    browser: StudioBrowser, studio: Callable[..., str], tmp_path: Path
) -> None:
    from selenium.webdriver.common.keys import Keys

    write_pack(tmp_path / "data")
    path = tmp_path / "data" / "packs" / f"{PACK_ID}.yaml"
    browser.open(studio() + f"#edit={PACK_ID}.yaml")
    browser.press("Pack details")
    browser.type_into("Title", "Edited in the studio")
    browser.wait_for_text("Unsaved changes")

    # another program changes the file meanwhile
    on_disk = path.read_text(encoding="utf-8").replace("Browser game", "Changed on disk")
    path.write_text(on_disk, encoding="utf-8")
    browser.press("Save")
    dialog = browser.control("dialog", "Changed on disk")
    assert "changed on disk" in dialog.text
    browser.press("Reload from disk")
    browser.wait_for(
        lambda: browser.field("Title").get_attribute("value") == "Changed on disk", "reloaded title"
    )
    assert path.read_text(encoding="utf-8") == on_disk
    browser.wait_for_text("✓ All changes saved")

    # and when the teacher keeps theirs, theirs is written
    browser.type_into("Title", "Mine after all")
    path.write_text(on_disk.replace("Four questions", "Five questions"), encoding="utf-8")
    browser.press("Save")
    browser.control("dialog", "Changed on disk")
    browser.press("Keep mine")
    browser.wait_for_text("✓ All changes saved")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["title"] == "Mine after all"

    # Esc on the dialog leaves the edits, the file and the focus on Save, and no "Saving…"
    browser.type_into("Title", "Third title")
    path.write_text(on_disk, encoding="utf-8")
    browser.press("Save")
    browser.control("dialog", "Changed on disk")
    browser.keys(Keys.ESCAPE)
    browser.wait_for(lambda: browser.focused_name() == "Save", "the focus back on Save")
    assert browser.names("dialog") == []
    assert browser.said().strip() == ""
    assert path.read_text(encoding="utf-8") == on_disk
    browser.wait_for_text("Unsaved changes")

    # the file moved away in a file manager: the edits are saved again, never dropped
    path.rename(path.with_suffix(".moved"))
    browser.press("Save")
    dialog = browser.control("dialog", "The pack's file is gone")
    assert "Close without saving" in dialog.text
    browser.press("Save my version")
    browser.wait_for_text("✓ All changes saved")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["title"] == "Third title"


@pytest.mark.slow  # a real server and a real Chromium: seconds
def test_a_question_is_moved_with_the_keyboard_alone(
    browser: StudioBrowser, studio: Callable[..., str], tmp_path: Path
) -> None:
    from selenium.webdriver.common.keys import Keys

    write_pack(tmp_path / "data")
    path = tmp_path / "data" / "packs" / f"{PACK_ID}.yaml"
    browser.open(studio() + f"#edit={PACK_ID}.yaml")
    first = "1. Which planet is closest to the Sun?"
    browser.wait_for(lambda: first in browser.outline(), "the pack's questions")
    # every control a keyboard reaches has a name a screen reader says
    controls = browser.driver.find_elements("css selector", "button, input, select, textarea")
    unnamed = [
        control.get_attribute("outerHTML")[:80]
        for control in controls
        if (control.is_displayed() or shown_file_input(browser, control))
        and not control.accessible_name.strip()
    ]
    assert unnamed == []
    for _ in range(40):  # Tab from the top, as a keyboard user gets there
        if browser.focused_name() == first:
            break
        browser.keys(Keys.TAB)
    assert browser.focused_name() == first

    browser.chord(Keys.ALT, Keys.ARROW_DOWN)
    browser.chord(Keys.ALT, Keys.ARROW_DOWN)
    moved = "3. Which planet is closest to the Sun?"
    browser.wait_for(lambda: browser.focused_name() == moved, "the focus on the moved question")
    assert browser.said() == "Question moved to place 3 of 4."

    browser.keys(Keys.ENTER)  # opens it; then its Move up button, by Tab
    browser.wait_for(lambda: browser.focused_name() == "Question 3", "the question's form")
    for _ in range(10):
        if browser.focused_name() == "↑ Move up":
            break
        browser.keys(Keys.TAB)
    browser.keys(Keys.ENTER)
    browser.wait_for(
        lambda: "2. Which planet is closest to the Sun?" in browser.outline(), "moved up"
    )
    assert browser.focused_name() == "↑ Move up"

    browser.chord(Keys.CONTROL, "s")
    browser.wait_for_text("✓ All changes saved")
    ids = [q["id"] for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
    assert ids == ["moon", "closest", "spot", "planets"]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_page_has_every_word_filled_in_its_language(language: str) -> None:
    page = page_text.render_studio_page(Translator(language))
    assert re.findall(r"\{\{[^{}]*\}\}", page) == []
    assert f'<html lang="{language}">' in page
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', page, re.S)
    assert found is not None
    words = json.loads(found.group(1))
    assert set(words["texts"]) == set(page_text.TEXTS)
    assert set(words["plurals"]) == set(page_text.PLURALS)
    # the script asks only for words the page has: every t("key") / tn("key") it writes
    script = (page_text.WEB_DIR / "studio.js").read_text(encoding="utf-8")
    asked = set(re.findall(r"\bt\(\"([a-z_0-9]+)\"", script))
    assert asked - set(page_text.TEXTS) == set()
    counted = set(re.findall(r"\btn\(\"([a-z_0-9]+)\"", script))
    assert counted - set(page_text.PLURALS) == set()
    # nothing inline: the studio's CSP runs only its own files
    assert "<style" not in page
    assert " style=" not in page
    assert re.findall(r"<script(?![^>]*(?:application/json|src=))", page) == []


def test_every_word_of_the_page_is_in_the_catalog_template() -> None:
    from clarity.i18n import catalog_building as building

    template = building.extract_template()
    ids = {
        (entry.context, entry.id if isinstance(entry.id, str) else entry.id[0])
        for entry in template
    }
    words = {
        (text.context, text.msgid) if isinstance(text, page_text.InContext) else (None, text)
        for text in page_text.TEXTS.values()
    }
    assert words - ids == set()
    assert {(None, text.template) for text in page_text.PLURALS.values()} - ids == set()


@pytest.mark.parametrize("language", ["ru", "be"])
def test_the_packs_title_is_not_the_results_screens_way_back_to_the_title(language: str) -> None:
    # "Title" on the results screen is the button back to the title screen («В начало»);
    # the pack's Title field is a word of its own, in context
    translator = Translator(language)
    page = page_text.render_studio_page(translator)
    back_to_title = translator.gettext("Title")
    assert back_to_title != "Title"  # the results screen's word is translated
    labels = re.findall(r'<label for="new-title">([^<]*)</label>', page)
    assert labels
    assert back_to_title not in labels
    words = page_text.page_data(translator)["texts"]
    assert isinstance(words, dict)
    assert back_to_title not in (words["title"], words["new_title"])
    # nor is a question's difficulty the study screen's rating of a card
    assert (words["easy"], words["hard"]) != (
        translator.gettext("Easy"),
        translator.gettext("Hard"),
    )


@pytest.mark.slow  # a real server and a real Chromium: seconds
def test_an_import_shows_its_skipped_lines_and_a_deleted_pack_comes_back_with_undo(
    browser: StudioBrowser, studio: Callable[..., str], tmp_path: Path
) -> None:
    # as Moodle writes GIFT: two questions, and a third whose answers are never closed
    gift = tmp_path / "planets.gift"
    gift.write_text(
        "// planets\n"
        "::closest:: Which planet is closest to the Sun? {=Mercury ~Venus ~Mars}\n\n"
        "::moon:: The Moon is a planet. {F}\n\n"
        "::broken:: Which planet is red? {=Mars ~Venus\n",
        encoding="utf-8",
    )
    browser.open(studio())
    # the file input itself, found by the name its label gives it
    (chooser,) = [
        element
        for element in browser.driver.find_elements("css selector", "input[type=file]")
        if element.accessible_name == "Choose files to import"
    ]
    chooser.send_keys(str(gift))
    browser.wait_for_text("Imported 1 pack.")
    skipped = browser.driver.find_element("css selector", "[aria-labelledby=skipped-heading]")
    # the line and column of the unclosed brace, as the teacher counts them
    assert skipped.text.startswith("planets.gift:6:33: "), skipped.text
    (saved,) = (tmp_path / "data" / "packs").glob("*.yaml")
    title = yaml.safe_load(saved.read_text(encoding="utf-8"))["title"]

    browser.press(f"Delete {title}")
    browser.wait_for_text(f"Deleted “{title}”.")
    assert not saved.exists()
    assert browser.focused_name() == "Undo"
    browser.keys(enter_key())
    browser.wait_for_text(f"“{title}” is back.")
    assert saved.is_file()
    browser.button(f"Edit {title}")


def enter_key() -> str:
    from selenium.webdriver.common.keys import Keys

    return str(Keys.ENTER)


@pytest.mark.slow  # a real server and a real Chromium: seconds
def test_problems_are_said_in_the_forms_words_and_a_pack_with_errors_is_not_tried(
    browser: StudioBrowser, studio: Callable[..., str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    write_pack(data)
    packs = data / "packs"
    path = packs / f"{PACK_ID}.yaml"
    pack = yaml.safe_load(path.read_text(encoding="utf-8"))
    # a choice question with "Venus" listed twice and no right answer
    pack["questions"][0]["choices"] = ["Mercury", "Venus", "Venus"]
    del pack["questions"][0]["answer"]
    path.write_text(yaml.safe_dump(pack, sort_keys=False), encoding="utf-8")
    # a pack the game does not load (its picture is not there), and one YAML cannot read
    broken = {**pack, "id": "no-picture", "title": "Lost picture"}
    broken["rounds"] = [{"image": "not-there.png", "answer": "Lighthouse"}]
    (packs / "no-picture.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    (packs / "bad-yaml.yaml").write_text("clarity: 1\ntitle: Broken: pack\n", encoding="utf-8")
    url = studio()

    # the list says what it knows of a pack it cannot load, never "0 questions"
    browser.open(url)

    def row(file: str) -> Any:
        for element in browser.driver.find_elements("css selector", "li.pack"):
            if file in element.text or file.removesuffix(".yaml") in element.text:
                return element
        return None

    browser.wait_for(lambda: row("bad-yaml.yaml"), "the broken packs' rows")
    unreadable = row("bad-yaml.yaml").text
    assert unreadable.startswith("bad-yaml.yaml\n✖")  # named by its file, then its problem
    assert "question" not in unreadable.split("\n✖")[0]
    assert "0 questions" not in row("no-picture.yaml").text
    assert "✖" in row("no-picture.yaml").text

    # a pack of the game's opens read only, with its Copy button; the copy opens to edit
    browser.open(url + "#edit=bundled:solar_system.yaml")
    browser.press("Copy to edit")
    browser.wait_for(
        lambda: "(copy)" in browser.driver.find_element("id", "pack-heading").text,
        "the copy in the editor",
    )
    hash_now = browser.driver.execute_script("return location.hash")
    assert hash_now.startswith("#edit=")
    assert "bundled" not in hash_now
    assert browser.button("Save").is_enabled()

    # a missing answer is said with its field's name; a field inside a text in the form's
    browser.open(url + f"#edit={PACK_ID}.yaml")
    browser.wait_for_text("The answer: is missing")
    form = browser.driver.find_element("id", "item-form").text
    assert "(also Choice 2)" in form
    assert "choices[" not in browser.text()

    # Try it on a pack with errors: said here, the focus on the problems, no new tab
    tabs = len(browser.driver.window_handles)
    browser.press("Try it")
    browser.wait_for_text("This pack has errors: fix them first.")
    assert browser.focused_name().startswith("Problems")
    assert len(browser.driver.window_handles) == tabs

    # Undo of a deleted question says it is back, and nothing says it is deleted
    browser.press("Delete this question")
    browser.wait_for(lambda: browser.said() == "Question 1 deleted.", "the deletion said")
    browser.press("Undo")
    browser.wait_for(lambda: browser.said() == "Question 1 is back.", "the undo said")
    assert "deleted" not in browser.text()
