import codecs
import json

import pytest

from rag.readers import load_articles, normalize_text, parse_file
from conftest import SEED

LIMIT = 10_000_000


def load(paths, limit=LIMIT):
    return load_articles(paths, max_file_bytes=limit)


def test_seed_article_metadata_and_sections():
    (article,), failures = load([SEED])
    assert failures == []
    assert article.id == "pakistan-airstrikes-on-kabul"
    assert article.title == "Pakistan Launches Airstrikes on Kabul as Border Clashes Escalate"
    assert article.source
    titles = [s.title for s in article.sections]
    assert titles == [
        "",
        "Escalation From Border Skirmishes to Airstrikes",
        "Competing Narratives and Casualty Claims",
        "The Militant Factor and Islamabad’s Security Concerns",
        "Humanitarian Fallout Along the Frontier",
        "International Alarm and Calls for Restraint",
        "A History of Tension Along a Fragile Border",
        "Uncertain Prospects for De-escalation",
    ]
    for section in article.sections:
        body = article.text[section.start:section.end]
        assert body == body.strip() and body
        # Headings are section names, never body text.
        assert not any(t and t in body for t in titles)
    trigger = article.sections[1]
    assert article.text[trigger.start:].startswith("The immediate trigger for the strikes")


def test_normalisation_keeps_what_a_reader_quotes():
    raw = "Cafe\u0301 \u201cquoted\u201d \u2014 dash\r\n\r\n\r\n\r\nnext   line\u00a0here\u200b  \n"
    assert normalize_text(raw) == "Café “quoted” — dash\n\nnext line here"


def test_markdown_headings_become_sections(tmp_path):
    path = tmp_path / "storm.md"
    path.write_text("# Storm Hits Coast\n\nA storm hit the coast on Monday.\n\n## Damage\n\nRoads were flooded.\n\nPower failed.\n")
    (article,), _ = load([path])
    assert article.title == "Storm Hits Coast"
    assert [(s.title, article.text[s.start:s.end]) for s in article.sections] == [
        ("", "A storm hit the coast on Monday."),
        ("Damage", "Roads were flooded.\n\nPower failed."),
    ]


def test_html_goes_through_extraction(tmp_path):
    path = tmp_path / "flood.html"
    path.write_text(
        "<html><head><title>Floods in Valencia | Daily News</title>"
        '<meta property="og:site_name" content="Daily News"><meta name="date" content="2024-10-30"></head>'
        "<body><nav>Home | World | Sport</nav><article><h1>Floods in Valencia</h1>"
        "<p>Flash floods swept through Valencia on Tuesday, officials said. Dozens of cars were carried away.</p>"
        "<h2>Rescue Efforts</h2><p>Emergency teams worked through the night. The army was deployed.</p></article>"
        "<footer>Copyright 2024 Daily News</footer></body></html>"
    )
    (article,), failures = load([path])
    assert failures == []
    assert article.title == "Floods in Valencia"
    assert article.source == "Daily News" and article.published == "2024-10-30"
    assert [s.title for s in article.sections] == ["", "Rescue Efforts"]
    assert "Flash floods swept through Valencia" in article.text
    assert "Copyright" not in article.text and "Home | World" not in article.text


def test_json_and_jsonl_records(tmp_path):
    array = tmp_path / "batch.json"
    array.write_text(json.dumps([
        {"title": "Quake in Chile", "text": "A quake struck Chile.", "url": "https://example.org/quake", "published": "2024-01-02", "source": "Wire"},
        {"id": "custom-id", "title": "Vote in Peru", "text": "Peru voted on Sunday."},
    ]))
    lines = tmp_path / "feed.jsonl"
    lines.write_text(
        json.dumps({"title": "Rain in Lima", "text": "It rained in Lima."}) + "\n"
        "{not json}\n"
        + json.dumps({"title": "No text"}) + "\n"
        + json.dumps(["not", "an", "object"]) + "\n"
        + json.dumps({"title": "Snow in Oslo", "text": "Snow fell in Oslo."}) + "\n"
    )
    articles, failures = load([array, lines])
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"https-example-org-quake", "custom-id", "rain-in-lima", "snow-in-oslo"}
    quake = by_id["https-example-org-quake"]
    assert (quake.source, quake.published, quake.url) == ("Wire", "2024-01-02", "https://example.org/quake")
    problems = {f.path: f.problem for f in failures}
    assert set(problems) == {f"{lines}:2", f"{lines}:3", f"{lines}:4"}
    assert "malformed JSON" in problems[f"{lines}:2"]
    assert "'text'" in problems[f"{lines}:3"]
    assert "expected a JSON object" in problems[f"{lines}:4"]


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"  \n\n ", "is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
        ("junk.txt", bytes(range(128, 256)) * 3 + b"\x01\x02\x03" * 40, "binary file"),
        ("bad-bom.txt", b"\xff\xfe\x00\xd8\x00\xd8x", "byte-order mark but is not valid UTF-16"),
        ("nested.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        ("laughs.md", b"---\na: &a [1, 2]\nb: [*a, *a]\ntitle: *a\n---\nBody text.\n", "YAML alias"),
        ("list-front.md", b"---\n- a\n- b\n---\nBody text.\n", "not 'key: value' lines"),
        ("scan.pdf", b"%PDF-1.7", "unsupported file type '.pdf'"),
        ("broken.json", b'{"title": "x", "text": ', "malformed JSON"),
        ("nothing.html", b"<html><body><script>var a=1;</script></body></html>", "no article text"),
        ("front.md", b"---\ntitle: [unclosed\n---\nBody text.\n", "front-matter"),
    ],
)
def test_bad_files_get_one_clear_message_and_the_batch_goes_on(tmp_path, name, content, expected):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("A good article about the harbour reopening.")
    articles, failures = load([bad, good])
    assert [a.id for a in articles] == ["good"]
    assert len(failures) == 1
    assert failures[0].path == str(bad)
    assert expected in failures[0].problem


def test_size_limit_and_missing_paths(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 400)
    articles, failures = load([big, tmp_path / "missing.txt"], limit=1000)
    assert articles == []
    problems = sorted(f.problem for f in failures)
    assert "does not exist" in problems[0]
    assert problems[1] == "is 2,000 bytes, over the 1,000 bytes limit; split it or raise max_file_bytes"


def test_size_limit_is_in_decimal_megabytes_and_never_reads_as_equal(tmp_path):
    """10 MB means 10,000,000 bytes, in the default setting and in every message."""
    from rag import Settings

    assert Settings().max_file_bytes == 10_000_000
    just_over = tmp_path / "just-over.txt"
    just_over.write_bytes(b"word " * 2_000_000 + b"x")
    clearly_over = tmp_path / "clearly-over.txt"
    clearly_over.write_bytes(b"word " * 2_100_000)
    under_mib = tmp_path / "under-mib.txt"  # over 10 MB, under 10 MiB: refused
    under_mib.write_bytes(b"word " * 2_090_000)
    _, failures = load([just_over, clearly_over, under_mib])
    problems = {f.path: f.problem for f in failures}
    assert problems[str(just_over)].startswith("is 10,000,001 bytes, over the 10,000,000 bytes limit")
    assert problems[str(clearly_over)].startswith("is 10.5 MB, over the 10.0 MB limit")
    assert problems[str(under_mib)].startswith("is 10.4 MB, over the 10.0 MB limit")


def test_folders_are_walked_recursively_and_ids_must_be_unique(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("First article text.")
    (tmp_path / "a" / "b" / "two.md").write_text("Second article text.")
    (tmp_path / "a" / ".hidden.txt").write_text("Never read.")
    (tmp_path / "a" / "b" / "one.txt").write_text("Same stem, different folder.")
    articles, failures = load([tmp_path / "a"])
    assert sorted(a.id for a in articles) == ["one", "two"]
    assert len(failures) == 1 and "already used" in failures[0].problem


def test_parse_file_reports_whole_file_problems_instead_of_raising(tmp_path):
    path = tmp_path / "x.docx"
    path.write_text("hello")
    articles, failures = parse_file(path, max_file_bytes=LIMIT)
    assert articles == [] and len(failures) == 1
    assert failures[0].path == str(path) and "unsupported file type" in failures[0].problem


@pytest.mark.parametrize(
    "name, data, text",
    [
        ("utf16.txt", "Café “quoted” — dash\n\nBody text here.".encode("utf-16"), "Café “quoted” — dash"),
        ("utf16be.txt", codecs.BOM_UTF16_BE + "Café headline\n\nBody text.".encode("utf-16-be"), "Café headline"),
        ("utf16-nobom.md", "# Café\n\nBody text here.".encode("utf-16-le"), "Body text here."),
        ("utf32.txt", "Ärger über Straße.".encode("utf-32"), "Ärger über Straße."),
        ("utf8-bom.txt", codecs.BOM_UTF8 + "Café au lait.".encode(), "Café au lait."),
        ("latin1.txt", "Café au lait, naïve.".encode("latin-1"), "Café au lait, naïve."),
        ("cp1252.txt", "The council’s “budget” passed — narrowly.".encode("cp1252"), "The council’s “budget” passed — narrowly."),
        ("cyrillic.txt", ("Городской совет одобрил новый бюджет во вторник. " * 5).encode("koi8-r"), "Городской совет одобрил"),
        ("truncated-utf8.txt", "Café “quoted”".encode()[:-1], "Café “quoted"),
        ("utf16.json", json.dumps({"title": "Café", "text": "Body."}, ensure_ascii=False).encode("utf-16"), "Body."),
    ],
)
def test_text_in_other_encodings_is_read(tmp_path, name, data, text):
    path = tmp_path / name
    path.write_bytes(data)
    (article,), failures = load([path])
    assert failures == []
    assert text in article.text or text == article.title


def test_front_matter_dates_stay_strings_and_bad_ones_are_unknown(tmp_path):
    path = tmp_path / "dated.md"
    path.write_text("---\ntitle: Storm\npublished: 2025-13-45\n---\nA storm hit the coast.\n")
    (article,), failures = load([path])
    assert failures == [] and article.published == ""
