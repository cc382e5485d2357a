"""references.bib: committed file equals a fresh generation, and pybtex parses every entry."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pybtex.database
import pytest

from skillmix.evidence import bibliography as bib
from skillmix.evidence import records as ev

FIXTURES = Path(__file__).parent / "fixtures" / "evidence"


def test_committed_bib_equals_fresh_generation():
    assert bib.BIB.read_text(encoding="utf-8") == bib.render(ev.load_records()), (
        "references.bib is stale: run `python -m skillmix.evidence.bibliography`"
    )


def test_every_record_parses_with_its_fields():
    records = ev.load_records()
    parsed = pybtex.database.parse_string(bib.render(records), "bibtex")
    assert sorted(parsed.entries) == sorted(records["id"])
    for rec in records.itertuples(index=False):
        entry = parsed.entries[rec.id]
        url = rec.canonical_url or rec.seen_url
        if rec.doi and url.lower() == f"https://doi.org/{rec.doi}".lower():
            assert "url" not in entry.fields, rec.id  # the doi field already links it
        else:
            assert entry.fields.get("url") == url, rec.id
        assert entry.fields.get("doi", "") == rec.doi
        assert entry.fields.get("year", "") == ("" if pd.isna(rec.year) else str(rec.year))
        assert entry.persons.get("author"), rec.id


def test_round_trip_of_fixture_with_special_characters(tmp_path):
    records = ev.load_records(FIXTURES / "evidence_records.csv", FIXTURES / "themes.yml")
    path = bib.write_bib(tmp_path / "x.bib", records)
    parsed = pybtex.database.parse_file(str(path), "bibtex")
    alpha = parsed.entries["alpha2020_na"]
    assert alpha.type == "article"
    assert alpha.fields["doi"] == "10.1000/alpha.1"
    assert "url" not in alpha.fields  # its canonical_url is https://doi.org/10.1000/alpha.1
    assert alpha.fields["title"] == r"{Trainee nursing associates \& their support: 100\% a test}"
    assert alpha.fields["journal"] == "Journal of Tests 1(2):3-4"
    assert [str(p) for p in alpha.persons["author"]] == ["Alpha, Ann", "Beta, Bob"]
    gamma = parsed.entries["gamma2015_pa"]
    assert gamma.type == "misc"  # no DOI
    assert [(p.prelast_names, p.last_names, p.first_names) for p in gamma.persons["author"]] == [
        ([], ["Gamma"], ["G"]),
        (["de"], ["Delta"], ["D"]),
    ]
    assert gamma.fields["url"] == "https://example.org/gamma"  # seen_url: no DOI, no canonical_url
    rcx = parsed.entries["rcx2024_position"]
    assert rcx.fields["title"] == r"{Position on \{braces\} and \$dollars \#1\_a}"
    assert [str(p) for p in rcx.persons["author"]] == ["{Royal College of Examples}"]
    undated = parsed.entries["undated_ecp"]
    assert "year" not in undated.fields and "title" not in undated.fields
    assert "note" not in undated.fields  # notes on how a record was gathered: evidence table
    # deterministic
    assert bib.render(records) == bib.render(records.iloc[::-1])


@pytest.mark.parametrize(
    "authors, expected, remarks",
    [
        ("Kessler I; Manthorpe J", "Kessler, I and Manthorpe, J", []),
        ("van den Brink GTWJ; Martindale A-M", "van den Brink, GTWJ and Martindale, A-M", []),
        ("Tim Vanson; Anna Beckett", "Tim Vanson and Anna Beckett", []),
        ("Royal College of Nursing", "{Royal College of Nursing}", []),
        ("Healthwatch England", "{Healthwatch England}", []),
        (
            "Beccy Baird; Veronica Dale (a further co-author name is garbled in the OCR copy)",
            "Beccy Baird and Veronica Dale",
            ["a further co-author name is garbled in the OCR copy"],
        ),
        (
            "Cochrane Response (for the Royal College of Anaesthetists); individual authors not seen",
            "{Cochrane Response (for the Royal College of Anaesthetists)}",
            ["individual authors not seen"],
        ),
    ],
)
def test_authors_field(authors, expected, remarks):
    assert bib.authors_field(authors) == (expected, remarks)


def test_escape():
    assert bib.escape("R&D 50% of $1 #2 a_b {x} ~ ^ \\") == (
        r"R\&D 50\% of \$1 \#2 a\_b \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )


@pytest.mark.parametrize(
    "canonical, seen, doi, expected",
    [
        ("https://doi.org/10.1000/X.1", "https://example.org/a", "10.1000/x.1", ""),
        ("http://dx.doi.org/10.1000/x%2F1", "https://example.org/a", "10.1000/x/1", ""),
        (
            "https://bjgp.org/content/early/2024/11/25/BJGP.2024.0083",
            "https://example.org/a",
            "10.1101/2024.02.22",
            "https://bjgp.org/content/early/2024/11/25/BJGP.2024.0083",
        ),
        ("https://doi.org/10.1000/other", "https://example.org/a", "10.1000/x.1", "https://doi.org/10.1000/other"),
        ("", "https://example.org/a", "10.1000/x.1", "https://example.org/a"),
        ("", "https://doi.org/10.1000/x.1", "", "https://doi.org/10.1000/x.1"),
    ],
)
def test_url_field_leaves_out_only_the_records_own_doi_link(canonical, seen, doi, expected):
    record = {"canonical_url": canonical, "seen_url": seen, "doi": doi}
    assert bib.url_field(record) == expected


def test_no_reference_carries_notes_on_how_it_was_gathered():
    text = bib.render(ev.load_records())
    parsed = pybtex.database.parse_string(text, "bibtex")
    for key, entry in parsed.entries.items():
        assert "note" not in entry.fields, key
    for phrase in ("garbled", "OCR", "not seen", "listed as", "repository record", "copy on"):
        assert phrase.lower() not in text.lower(), phrase


@pytest.mark.parametrize(
    "venue, expected",
    [
        ("BMJ 2025;388:e084613", "BMJ 2025;388:e084613"),
        (
            "NIHR Journals Library (DOI 10.3310/X); UWE research repository record (NIHR-funded study)",
            "NIHR Journals Library (DOI 10.3310/X)",
        ),
        (
            "Royal College (commissioned review); a journal version is indexed (journal not seen)",
            "Royal College (commissioned review)",
        ),
        (
            "UK Parliament written question 1, answered 9 September 2025 (copy on Parallel Parliament)",
            "UK Parliament written question 1, answered 9 September 2025",
        ),
        ("Nuffield Trust (commissioned by NHS Employers)", "Nuffield Trust (commissioned by NHS Employers)"),
    ],
)
def test_venue_field_drops_remarks_on_how_the_record_was_seen(venue, expected):
    assert bib.venue_field(venue) == expected


def test_record_notes_keep_the_remarks_for_the_evidence_table():
    record = {
        "authors": "Beccy Baird; Veronica Dale (a further co-author name is garbled in the OCR copy)",
        "title": "T",
    }
    assert bib.record_notes(record) == "Author list: a further co-author name is garbled in the OCR copy"
    assert bib.record_notes({"authors": "Kessler I", "title": ""}) == ""


# Hosts of document-mirror and aggregator sites seen among the records' addresses.
MIRRORS = (
    "vdocument",
    "docslib",
    "coek.info",
    "careersdocbox",
    "ablesci",
    "ouci.dntb",
    "metajournal",
    "parallelparliament",
)


def test_reference_links_prefer_the_publisher_over_a_mirror():
    """A record with a DOI or a canonical address is linked there, never to a mirror copy."""
    records = ev.load_records()
    parsed = pybtex.database.parse_string(bib.render(records), "bibtex")
    for rec in records.itertuples(index=False):
        url = parsed.entries[rec.id].fields.get("url", "")
        if rec.doi or rec.canonical_url:
            assert not any(host in url for host in MIRRORS), (rec.id, url)


def test_evidence_table_shows_the_notes_the_references_leave_out():
    from skillmix.evidence import records_table

    shown = records_table.records_shown(ev.load_records()).set_index("Record")
    assert shown.loc["baird2022_kf_arrs", "Authors"] == "Beccy Baird; Jake Beech; Veronica Dale"
    assert "garbled in the OCR copy" in shown.loc["baird2022_kf_arrs", "Notes on the record"]
    assert shown.loc["kessler2020_na_interim", "Notes on the record"] == ""
