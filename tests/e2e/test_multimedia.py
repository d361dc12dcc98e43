"""Readers open a gallery's viewer with the keyboard, read it without JavaScript, and play
an external video that contacts nobody until they click."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from dateline.multimedia.tests.factories import (
    GalleryPageFactory,
    MultimediaIndexPageFactory,
    VideoPageFactory,
)
from dateline.news.tests.factories import ImageFactory, home_page

pytestmark = pytest.mark.browser

PHOTOS = 5
THIRD_PARTY = ("youtube", "ytimg", "vimeo", "vimeocdn", "google", "doubleclick", "gstatic")


@pytest.fixture
def stories(live_site):
    index = MultimediaIndexPageFactory(parent=home_page())
    gallery = GalleryPageFactory(
        parent=index, title="Lantern night", photos=[ImageFactory() for _ in range(PHOTOS)]
    )
    video = VideoPageFactory(parent=index, title="Ferry control room", image=ImageFactory())
    return {"gallery": live_site.url + gallery.url, "video": live_site.url + video.url}


def test_the_gallery_viewer_moves_with_the_arrow_keys_and_escape_returns_focus(page, stories):
    page.goto(stories["gallery"])
    openers = page.locator(".gallery__open")
    expect(openers).to_have_count(PHOTOS)

    openers.nth(0).click()
    viewer = page.locator("dialog.gallery-viewer")
    counter = viewer.locator(".gallery-viewer__counter")
    expect(viewer).to_be_visible()
    expect(counter).to_have_text(f"1 / {PHOTOS}")
    expect(viewer.locator(".gallery-viewer__caption")).to_contain_text("Caption 1")

    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text(f"2 / {PHOTOS}")
    expect(viewer.locator(".gallery-viewer__caption")).to_contain_text("Caption 2")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text(f"2 / {PHOTOS}")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # wraps round to the last photo
    expect(counter).to_have_text(f"{PHOTOS} / {PHOTOS}")

    # focus stays inside the modal viewer while it is open
    for _ in range(6):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('dialog') !== null")

    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(openers.nth(0)).to_be_focused()


def test_the_viewer_follows_a_swipe(page, stories):
    page.goto(stories["gallery"])
    page.locator(".gallery__open").nth(1).click()
    image = page.locator(".gallery-viewer__image")
    expect(page.locator(".gallery-viewer__counter")).to_have_text(f"2 / {PHOTOS}")
    box = image.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 60, y + 5, steps=5)  # a swipe towards the start: the next photo
    page.mouse.up()
    expect(page.locator(".gallery-viewer__counter")).to_have_text(f"3 / {PHOTOS}")


def test_without_javascript_the_gallery_is_a_list_of_captioned_photos(new_context, stories):
    reader = new_context(java_script_enabled=False).new_page()
    reader.goto(stories["gallery"])

    figures = reader.locator(".gallery .gallery__figure")
    expect(figures).to_have_count(PHOTOS)
    for number in range(PHOTOS):
        expect(figures.nth(number).locator("img")).to_be_visible()
        expect(figures.nth(number).locator("figcaption")).to_contain_text(f"Caption {number + 1}")
    expect(reader.locator(".gallery__open")).to_have_count(0)
    expect(reader.locator("dialog")).to_have_count(0)


def test_the_video_facade_contacts_no_third_party_before_the_click(page, stories):
    local = urlsplit(stories["video"]).netloc
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    # nothing may leave the machine, even after the click
    page.route(lambda url: urlsplit(url).netloc != local, lambda route: route.abort())

    page.goto(stories["video"])
    button = page.locator("button.video-facade__button")
    expect(button).to_be_visible()
    page.wait_for_load_state("networkidle")

    foreign = [url for url in requested if urlsplit(url).netloc != local]
    assert foreign == [], f"requested before the click: {foreign}"
    assert not any(name in url for url in requested for name in THIRD_PARTY)

    button.click()
    frame = page.locator("iframe.video-facade__frame")
    expect(frame).to_have_count(1)
    src = frame.get_attribute("src")
    assert src.startswith("https://www.youtube-nocookie.com/embed/abcdefghijk")


def test_without_javascript_the_video_facade_is_a_link_to_the_video(new_context, stories):
    reader = new_context(java_script_enabled=False).new_page()
    reader.goto(stories["video"])
    link = reader.locator("a.video-facade__link")
    expect(link).to_have_attribute("href", "https://www.youtube.com/watch?v=abcdefghijk")
    expect(reader.locator("iframe")).to_have_count(0)
