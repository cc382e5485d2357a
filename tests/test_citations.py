"""Citation labels (skillmix.core.citations): readable author-year labels, corporate authors by
their own short form, one label per record, and links to the References page."""

from __future__ import annotations

import html
import re

import pybtex.database
import pytest
from docutils.nodes import make_id

from skillmix.core import citations
from skillmix.core.errors import InputError

BIB = """
@misc{one, author = {Kessler, I}, title = {{A}}, year = {2020}}
@misc{two, author = {Sara Bosley and Jeremy Dale}, title = {{B}}, year = {2008}}
@misc{three, author = {Kessler, I and Manthorpe, J and Harris, J}, title = {{C}}, year = {2022}}
@misc{corp, author = {{Department of Health and Social Care}}, title = {{D}}, year = {2023}}
@misc{full, author = {{NHS England}}, title = {{E}}, year = {2023}}
@misc{particle, author = {van den Brink, GTWJ and Hooker, RS}, title = {{F}}, year = {2021}}
@misc{undated, author = {{Royal College of Emergency Medicine}}, title = {{G}}}
@misc{rcoa_b, author = {{Royal College of Anaesthetists}}, title = {{Zebra}}, year = {2024}}
@misc{rcoa_a, author = {{Royal College of Anaesthetists}}, title = {{Aardvark}}, year = {2024}}
@misc{nd_1, author = {{NHS Employers}}, title = {{Second}}}
@misc{nd_2, author = {{NHS Employers}}, title = {{First}}}
@misc{amp, author = {{Royal College of Examples \\& Tests}}, title = {{H}}, year = {2019}}
"""


@pytest.fixture
def entries():
    return list(pybtex.database.parse_string(BIB, "bibtex").entries.values())


def test_label_rules(entries):
    assert citations.label_map(entries) == {
        "one": "Kessler 2020",
        "two": "Bosley and Dale 2008",
        "three": "Kessler et al. 2022",
        "corp": "DHSC 2023",
        "full": "NHS England 2023",
        "particle": "van den Brink and Hooker 2021",
        "undated": "RCEM n.d.",
        "rcoa_a": "RCoA 2024a",  # suffixes follow the titles
        "rcoa_b": "RCoA 2024b",
        "nd_2": "NHS Employers n.d.-a",
        "nd_1": "NHS Employers n.d.-b",
        "amp": "Royal College of Examples & Tests 2019",
    }


def test_labels_do_not_depend_on_order(entries):
    assert citations.label_map(entries) == citations.label_map(entries[::-1])


def test_sort_key_orders_by_name_then_year():
    labels = ["RCoA 2024b", "van den Brink et al. 2021", "Bosley and Dale 2008", "RCoA 2024a", "BMA n.d.", "BMA 2023"]
    assert sorted(labels, key=citations.sort_key) == [
        "BMA 2023",
        "BMA n.d.",
        "Bosley and Dale 2008",
        "van den Brink et al. 2021",
        "RCoA 2024a",
        "RCoA 2024b",
    ]


def test_every_corporate_author_of_the_bibliography_has_a_decided_short_form():
    """A new corporate author must be added to ABBREVIATIONS (its own short form) or to
    NAMED_IN_FULL: otherwise it would be labelled by a long name nobody decided on."""
    parsed = pybtex.database.parse_file(str(citations.BIB), "bibtex")
    undecided = set()
    for entry in parsed.entries.values():
        for person in entry.persons.get("author", []):
            if citations.is_corporate(person):
                name = citations._plain(person.last_names[0])
                if name not in citations.ABBREVIATIONS and name not in citations.NAMED_IN_FULL:
                    undecided.add(name)
    assert not undecided
    assert not set(citations.ABBREVIATIONS) & citations.NAMED_IN_FULL


@pytest.mark.parametrize(
    "name, short",
    [
        ("Department of Health and Social Care", "DHSC"),
        ("Nursing and Midwifery Council", "NMC"),
        ("Royal College of Anaesthetists", "RCoA"),
        ("Royal College of Nursing", "RCN"),
        ("Health Education England", "HEE"),
        ("British Medical Association", "BMA"),
    ],
)
def test_abbreviations_as_the_bodies_write_them(name, short):
    assert citations.ABBREVIATIONS[name] == short


def test_book_labels_are_readable_and_unique():
    labels = citations.labels()
    assert len(set(labels.values())) == len(labels)
    pattern = re.compile(r"(?:[a-z]+ )*[A-Z][\w'&\- ]*(?: et al\.)? (?:\d{4}[a-z]?|n\.d\.(?:-[a-z])?)")
    for key, label in labels.items():
        assert pattern.fullmatch(label), (key, label)
        assert len(label) <= 40, (key, label)
    assert labels["kessler2020_na_interim"] == "Kessler 2020"
    assert labels["dhsc2023_regulation_consultation_response"] == "DHSC 2023"
    assert labels["cochraneresponse2024_aa_sr"] == "Cochrane Response 2024"


def test_anchor_is_the_id_docutils_gives_the_entry():
    for key in citations.labels():
        assert citations.anchor(key) == make_id(citations.CITE_ID.format(key=key)), key


def test_citation_gives_label_and_link():
    assert citations.citation("kessler2020_na_interim") == (
        "Kessler 2020",
        "references.html#cite-kessler2020-na-interim",
    )
    with pytest.raises(InputError, match="not_a_record"):
        citations.citation("not_a_record")


def test_missing_bibliography_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="bibliography not found"):
        citations.labels(tmp_path / "none.bib")


def test_labels_follow_a_changed_file(tmp_path):
    path = tmp_path / "x.bib"
    path.write_text("@misc{a, author = {Webb, B}, year = {2000}}\n")
    assert citations.labels(path) == {"a": "Webb 2000"}
    path.write_text("@misc{a, author = {Webb, B}, year = {2001}}\n")
    import os

    os.utime(path, ns=(1, 10**18))  # a different modification time, as a rewrite gives
    assert citations.labels(path) == {"a": "Webb 2001"}


# -- the Sphinx extension: labels, citations in prose, back-links --------------------------------
CONF = """
extensions = ["sphinxcontrib.bibtex", "skillmix.publish.citation_style"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "skillmix"
bibtex_reference_style = "skillmix"
bibtex_cite_id = "cite-{key}"
root_doc = "index"
"""
INDEX = """
Book
====

.. toctree::

   chapter
   references
"""
CHAPTER = """
Chapter
=======

First :cite:p:`corp`, then :cite:p:`rcoa_a,one` and again :cite:p:`corp`.

.. raw:: html

   <table id="table-1"><tr><td><a href="references.html#cite-particle">van den Brink and Hooker 2021</a></td></tr></table>
"""
REFS = """
References
==========

.. bibliography::
   :all:
"""


def test_sphinx_build_shows_the_same_labels_and_links_back(tmp_path):
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF)
    (src / "refs.bib").write_text(BIB)
    (src / "index.rst").write_text(INDEX)
    (src / "chapter.rst").write_text(CHAPTER)
    (src / "references.rst").write_text(REFS)
    out = tmp_path / "html"
    app = Sphinx(str(src), str(src), str(out), str(tmp_path / "doctrees"), "html", status=None, warning=None)
    app.build()
    chapter = (out / "chapter.html").read_text()
    refs = (out / "references.html").read_text()
    labels = citations.label_map(pybtex.database.parse_string(BIB, "bibtex").entries.values())
    # prose: round brackets, semicolons, each label a link to the entry's fixed id
    assert re.search(r'\(<a [^>]*href="references.html#cite-corp"[^>]*>DHSC 2023</a>\)', chapter)
    assert re.search(r">Kessler 2020</a>; <a [^>]*>RCoA 2024a</a>\)", chapter)  # in References order
    # references: every entry has its label and id, in the order of sort_key
    for key, label in labels.items():
        assert f'id="{citations.anchor(key)}"' in refs, key
        assert f">{html.escape(label, quote=False)}<" in refs, label
    shown = re.findall(r'<div class="citation" id="cite-([a-z0-9-]+)"', refs)
    assert shown == [citations.make_id(k) for k in sorted(labels, key=lambda k: citations.sort_key(labels[k]))]
    # back-links: prose places (the first by the page's name, the others numbered), tables
    entry = refs[refs.index('id="cite-corp"') :].split("</div>")[0]
    assert re.search(r'Cited in: <a [^>]*href="chapter.html#id\d+"[^>]*>Chapter</a> \(<a [^>]*>2</a>\)', entry)
    entry = refs[refs.index('id="cite-particle"') :].split("</div>")[0]
    assert 'href="chapter.html#table-1"' in entry
    entry = refs[refs.index('id="cite-full"') :].split("</div>")[0]
    assert "Cited in" not in entry  # not cited anywhere
