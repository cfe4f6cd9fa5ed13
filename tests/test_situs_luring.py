"""Uji peramban luring: situs kursus dan slide dibuka di Chromium tanpa jaringan.

Yang dibangun (sekali per sesi uji, di folder sementara, mode cepat dan luring):
- situs kecil dengan `python scripts/bangun_situs.py --hanya 01 06 --ulang`: halaman depan dari
  README, notebook 01 dan 06 yang dijalankan (keluaran dan gambar), glosarium, hasil ukuran
  penuh, panduan dosen, halaman pencarian. Hanya dua notebook agar uji tetap singkat (sekitar
  satu menit di CPU 2 inti, sebagian besar menjalankan kedua notebook); notebook lain
  dirender dengan kode yang sama;
- slide reveal.js notebook 01 dari notebook yang sudah dijalankan itu, dengan metadata slide
  menurut scripts/atur_slide.py dan ekspor yang sama dengan `render_kuliah.py --slide`.

Yang diperiksa, dengan setiap permintaan selain file:// digagalkan dan dicatat:
- tidak ada halaman yang memuat skrip, stylesheet, atau gambar dari internet (dibaca dari
  HTML, dan dari permintaan yang benar-benar dibuat peramban); tautan biasa di teks boleh;
- rumus dirender MathJax (elemen MathJax ada, tanpa galat MathJax, tanpa `$$`, `\\(`, `\\[`
  mentah di teks yang terlihat);
- semua gambar termuat (naturalWidth > 0);
- semua tautan antarhalaman situs menunjuk berkas (dan jangkar) yang ada, termasuk navigasi
  notebook 01 -> 06;
- pencarian luring menemukan halaman;
- slide: reveal.js berjalan, ada banyak slide, rumus dan gambar di slide dirender.

Chromium datang dari paket Debian (`apt-get install -y chromium`), dikendalikan lewat paket
`playwright` (requirements-dosen.txt). Bila salah satunya tidak ada, uji GAGAL dengan pesan cara
memasangnya (tidak dilewati diam-diam). KURSUS_CHROMIUM mengganti lokasi Chromium;
KURSUS_TANGKAPAN_LAYAR=FOLDER menyimpan tangkapan layar halaman rumus dan slide ke FOLDER.
"""
import functools
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from muat import load_script

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("KURSUS_CHROMIUM", "/usr/bin/chromium"))
PASANG_DOSEN = "pip install -r requirements-dosen.txt"

# Menunggu MathJax 2 selesai mengetik semua rumus (bila halaman memuatnya).
WAIT_MATHJAX = """() => new Promise(done => {
  if (!document.querySelector('script[src*="MathJax.js"]')) { done(false); return; }
  const poll = () => (window.MathJax && MathJax.isReady)
      ? MathJax.Hub.Queue(() => done(true)) : setTimeout(poll, 50);
  poll();
})"""
PAGE_STATE = """() => ({
  text: document.body.innerText,
  mathjax: document.querySelectorAll('.MathJax, .MathJax_Display').length,
  mathErrors: document.querySelectorAll('.MathJax_Error, .merror').length,
  images: Array.from(document.images).map(i => ({src: i.src.slice(0, 120),
                                                 ok: i.complete && i.naturalWidth > 0})),
})"""


def require_browser():
    """Playwright dan Chromium, atau uji gagal dengan pesan cara memasangnya."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Paket `playwright` belum terpasang. Pasang perlengkapan dosen: "
                    f"{PASANG_DOSEN} (peramban playwright sendiri tidak perlu diunduh).",
                    pytrace=False)
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}. Uji ini membuka situs dan slide "
                    "di Chromium tanpa jaringan. Pasang dari paket Debian/Ubuntu: "
                    "`sudo apt-get install -y chromium`, atau atur KURSUS_CHROMIUM ke lokasi "
                    "Chromium/Chrome Anda.", pytrace=False)
    return sync_playwright


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Situs kecil (01, 06) dan slide notebook 01; mengembalikan (folder situs, berkas slide)."""
    sync_playwright = require_browser()
    for module in ("sphinx", "myst_nb", "sphinx_book_theme", "sphinx_design", "jupyter_server_mathjax"):
        try:
            __import__(module)
        except ImportError:
            pytest.fail(f"Paket `{module}` belum terpasang. Pasang: {PASANG_DOSEN}", pytrace=False)
    out = tmp_path_factory.mktemp("situs")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bangun_situs.py"), "--hanya", "01", "06",
         # Batas per sel jauh di atas sel mode cepat mana pun di 01 dan 06 (yang terlama di bawah
         # 10 dtk, juga saat CPU dibagi dengan notebook lain), tetapi cukup pendek agar sel yang
         # tidak pernah dijawab kernel hanya membuang 90 dtk sebelum satu ulangan
         # (render_kuliah.execute) berjalan.
         "--ulang", "--keluaran", str(out), "--batas-waktu", "90"],
        capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = out / "situs" / "cepat" / "html"

    render = load_script("scripts/render_kuliah.py")
    atur_slide = load_script("scripts/atur_slide.py")
    nb = nbformat.read(out / "render" / "cepat" / "01_persiapan_data.ipynb", as_version=4)
    atur_slide.apply(nb)
    slides_dir = out / "slide"
    static = slides_dir / render.pustaka_luring.STATIC
    render.pustaka_luring.copy_mathjax(static)
    render.pustaka_luring.copy_reveal(static)
    page, _ = render.pustaka_luring.slides_exporter().from_notebook_node(
        render.lecture_copy(nb), resources={"metadata": {"name": "01_persiapan_data"}})
    slides = slides_dir / "01_persiapan_data.slides.html"
    slides.write_text(page, encoding="utf-8")
    return site, slides, sync_playwright


class _Refs(HTMLParser):
    """Sumber yang dimuat halaman (script/link/img/...) dan tautan <a href>, plus semua id."""

    def __init__(self):
        super().__init__()
        self.loads, self.links, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag in ("script", "img", "iframe", "source", "video", "audio", "embed") and attrs.get("src"):
            self.loads.append(attrs["src"])
        elif tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical",):
            self.loads.append(attrs["href"])


@functools.cache
def parse(path):
    refs = _Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


def test_tanpa_sumber_dari_internet(built):
    site, slides, _ = built
    pages = sorted(site.rglob("*.html")) + [slides]
    assert len(pages) >= 8
    external = re.compile(r"^(https?:)?//", re.I)
    css_import = re.compile(r"@import\s+(?:url\()?\s*['\"]?(?:https?:)?//", re.I)
    for page in pages:
        loads = parse(page).loads
        remote = [src for src in loads if external.match(src)]
        assert not remote, f"{page.name} memuat dari internet: {remote}"
        for src in loads:  # stylesheet lokal yang mengimpor dari internet (mis. Google Fonts)
            css = page.parent / unquote(urlsplit(src).path)
            if css.suffix == ".css" and css.is_file():
                assert not css_import.search(css.read_text(errors="ignore")), \
                    f"{css} (dipakai {page.name}) mengimpor dari internet"


def test_tautan_antarhalaman(built):
    site, _, _ = built
    broken = []
    for page in site.rglob("*.html"):
        for href in parse(page).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("javascript:") or not (parts.path or parts.fragment):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
            elif (parts.fragment and target.suffix == ".html"
                  and unquote(parts.fragment) not in parse(target).ids):
                broken.append(f"{page.relative_to(site)} -> {href} (jangkar tidak ada)")
    assert not broken, "Tautan rusak:\n" + "\n".join(sorted(set(broken))[:30])
    index = parse(site / "index.html").links
    assert "notebooks/01_persiapan_data.html" in index
    assert "notebooks/06_autoencoder_variasional.html" in index
    first = parse(site / "notebooks" / "01_persiapan_data.html").links
    assert any("06_autoencoder_variasional.html" in h for h in first)  # navigasi ke notebook berikutnya
    assert any("glosarium.html" in h for h in index)


def open_offline(sync_playwright):
    """Peramban tanpa jaringan: setiap permintaan selain file:/data:/blob:/about: digagalkan."""
    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=str(CHROMIUM),
                                      args=["--no-sandbox", "--disable-dev-shm-usage"])
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    blocked = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
    return manager, browser, context, blocked


def check_page(context, url, blocked, *, min_math=0, min_images=0, screenshot=None):
    page = context.new_page()
    try:
        page.goto(url, wait_until="load", timeout=60_000)
        has_mathjax = page.evaluate(WAIT_MATHJAX)
        state = page.evaluate(PAGE_STATE)
        name = url.rsplit("/", 1)[-1]
        if min_math:
            assert has_mathjax, f"{name}: MathJax tidak dimuat"
        assert state["mathjax"] >= min_math, f"{name}: hanya {state['mathjax']} rumus dirender"
        assert state["mathErrors"] == 0, f"{name}: {state['mathErrors']} galat MathJax"
        for raw in ("$$", "\\(", "\\["):
            assert raw not in state["text"], f"{name}: LaTeX mentah '{raw}' terlihat di teks"
        bad = [img["src"] for img in state["images"] if not img["ok"]]
        assert not bad, f"{name}: gambar tidak termuat: {bad}"
        assert len(state["images"]) >= min_images, f"{name}: hanya {len(state['images'])} gambar"
        assert not blocked, f"{name}: peramban mencoba memuat dari jaringan: {blocked}"
        if screenshot:
            page.locator(".MathJax_Display").first.scroll_into_view_if_needed()
            page.screenshot(path=screenshot)
        return page, state
    except Exception:
        page.close()
        raise


def screenshot_path(name):
    folder = os.environ.get("KURSUS_TANGKAPAN_LAYAR")
    return str(Path(folder) / name) if folder else None


def test_situs_di_peramban_tanpa_jaringan(built):
    site, _, sync_playwright = built
    manager, browser, context, blocked = open_offline(sync_playwright)
    try:
        check_page(context, (site / "index.html").as_uri(), blocked, min_images=2)
        check_page(context, (site / "notebooks" / "01_persiapan_data.html").as_uri(), blocked,
                   min_math=3, min_images=4)
        check_page(context, (site / "notebooks" / "06_autoencoder_variasional.html").as_uri(),
                   blocked, min_math=30, min_images=4,
                   screenshot=screenshot_path("situs_06_rumus.png"))
        check_page(context, (site / "docs" / "glosarium.html").as_uri(), blocked)

        search = context.new_page()
        search.goto((site / "search.html").as_uri() + "?q=reparameterisasi")
        search.wait_for_selector("#search-results ul.search li", timeout=30_000)
        hits = search.eval_on_selector_all("#search-results ul.search li a", "els => els.map(e => e.href)")
        assert any("06_autoencoder_variasional" in h for h in hits), hits
        assert not blocked, blocked
    finally:
        browser.close()
        manager.stop()


def test_slide_di_peramban_tanpa_jaringan(built):
    _, slides, sync_playwright = built
    manager, browser, context, blocked = open_offline(sync_playwright)
    try:
        page = context.new_page()
        page.goto(slides.as_uri(), wait_until="load", timeout=60_000)
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30_000)
        assert page.evaluate("Reveal.getTotalSlides()") >= 10
        assert page.evaluate(WAIT_MATHJAX)
        # Slide pertama yang memuat rumus: tampilkan, lalu periksa rumus dan gambarnya.
        index = page.evaluate("""() => {
          const all = Array.from(document.querySelectorAll('.reveal .slides section'))
                           .filter(s => !s.querySelector('section'));
          const hit = all.find(s => s.querySelector('.MathJax_Display'));
          return hit ? Reveal.getIndices(hit) : null;
        }""")
        assert index is not None, "tidak ada slide dengan rumus yang dirender"
        page.evaluate(f"Reveal.slide({index['h']}, {index['v']})")
        page.wait_for_timeout(1000)  # transisi slide
        page.evaluate(WAIT_MATHJAX)
        state = page.evaluate(PAGE_STATE)
        assert state["mathErrors"] == 0
        for raw in ("$$", "\\(", "\\["):
            assert raw not in page.evaluate("Reveal.getCurrentSlide().innerText")
        assert state["images"] and all(img["ok"] for img in state["images"]), state["images"]
        assert not blocked, f"slide mencoba memuat dari jaringan: {blocked}"
        if screenshot_path("slide_01_rumus.png"):
            page.screenshot(path=screenshot_path("slide_01_rumus.png"))
    finally:
        browser.close()
        manager.stop()
