"""Citizen text rendering: hostile input stays inert, links are clickable and marked, the page's
direction cannot be hijacked."""

import html5lib
import pytest
from django.template import Context, Template

from participation.core.safe_text import clean_plain_text, render_safe_inline, render_safe_text


def _tree(fragment: str):
    return html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)


def _elements(fragment: str) -> list:
    return list(_tree(fragment).iter())


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '"><script>alert(1)</script>',
    "</div></main><h1>defaced</h1>",
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example"></iframe>',
    "<b><i>unbalanced",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!-- comment --> <![CDATA[x]]>",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_is_rendered_as_text(payload):
    out = render_safe_text(payload)
    tags = {el.tag for el in _elements(out) if isinstance(el.tag, str)}
    # Only our container (and possibly links we made) exist as elements.
    assert tags <= {"DOCUMENT_FRAGMENT", "div", "a"}
    assert "<script" not in out and "<img" not in out and "<svg" not in out and "<iframe" not in out
    for el in _elements(out):
        if el.tag == "a":
            assert el.get("href", "").split(":", 1)[0] in {"http", "https", "mailto"}
    # The container is closed exactly once: nothing escapes it.
    assert out.startswith('<div class="user-text" dir="auto">') and out.endswith("</div>")
    assert out.count("</div>") == 1


def test_urls_become_links_with_ugc_rel():
    out = render_safe_text("Voir https://www.larache.ma/budget?x=1&y=2 et écrire à contact@larache.ma")
    links = [el for el in _elements(out) if el.tag == "a"]
    assert [a.get("href") for a in links] == [
        "https://www.larache.ma/budget?x=1&y=2",
        "mailto:contact@larache.ma",
    ]
    assert all(a.get("rel") == "nofollow ugc noopener" for a in links)
    assert all(set(a.keys()) == {"href", "rel"} for a in links)


def test_bare_domain_gets_http_and_arabic_text_is_kept():
    out = render_safe_text("المرجو زيارة www.larache.ma للمزيد")
    assert "المرجو زيارة" in out and "للمزيد" in out
    assert 'href="http://www.larache.ma"' in out


@pytest.mark.parametrize("scheme", ["javascript", "JaVaScRiPt", "vbscript", "data", "file", "ftp"])
def test_other_schemes_are_never_links(scheme):
    out = render_safe_text(f"{scheme}://example.com/x")
    for el in _elements(out):
        if el.tag == "a":
            assert el.get("href").startswith("http://") or el.get("href").startswith("https://")
    assert f'href="{scheme}' not in out


@pytest.mark.parametrize(
    "ch",
    [
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u200e",
        "\u200f",
        "\u061c",
    ],
)
def test_bidi_controls_are_removed(ch):
    out = render_safe_text(f"abc{ch}def {ch}https://x.ma/{ch}y")
    assert ch not in out
    assert render_safe_inline(f"{ch}title{ch}") == "<bdi>title</bdi>"


def test_container_is_direction_isolated():
    out = render_safe_text("Bonjour")
    assert 'dir="auto"' in out and 'class="user-text"' in out


def test_control_characters_and_newlines_are_normalised():
    assert clean_plain_text("a\r\nb\rc\x00d\x1b\ufeff\n\n\n\n\ne ") == "a\nb\ncd\n\ne"
    assert clean_plain_text(None) == ""


def test_one_megabyte_text_is_escaped_fast():
    import time

    text = ("<script>x</script> https://x.ma " * 40_000)[:1_000_000]
    start = time.perf_counter()
    out = render_safe_text(text)
    assert time.perf_counter() - start < 2
    assert "<script" not in out


def test_inline_has_no_links_and_collapses_whitespace():
    out = render_safe_inline("  Titre\n<b>gras</b>  https://x.ma ")
    assert out == "<bdi>Titre &lt;b&gt;gras&lt;/b&gt; https://x.ma</bdi>"


def test_template_filters():
    tpl = Template("{% load participation_tags %}{{ t|safe_text }}|{{ t|safe_inline }}")
    out = tpl.render(Context({"t": "<em>x</em> https://a.ma"}))
    assert "&lt;em&gt;" in out and 'rel="nofollow ugc noopener"' in out and "<bdi>" in out
    assert Template("{% load participation_tags %}{{ t|safe_text }}").render(Context({"t": None})) == (
        '<div class="user-text" dir="auto"></div>'
    )
