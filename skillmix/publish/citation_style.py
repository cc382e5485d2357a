"""The book's citation style, as a Sphinx extension (`sphinx.extra_extensions` in `_config.yml`).

* Labels: the bibliography style `skillmix` (`bibtex_default_style`) labels and orders the
  References page with `core.citations` (author–year labels, corporate authors by their own
  short form), so prose, tables and References show one label per record.
* Citations in prose: the referencing style `skillmix` (`bibtex_reference_style`) puts the labels
  in round brackets separated by semicolons, "(Kessler 2020; DHSC 2023)", each label a link to
  its entry. Entry ids are fixed by `bibtex_cite_id: "cite-{key}"` (`core.citations.anchor`).
* Back-links: each entry on the References page ends with "Cited in:" and a link to every place
  that cites it, in prose (`{cite:p}`) or in a table (a link to the entry written by the table
  helper from `core.citations.citation`). sphinxcontrib-bibtex links back only within a page,
  and the References page cites nothing itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.plugin import register_plugin as register_pybtex_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from sphinxcontrib.bibtex.plugin import register_plugin as register_bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle

from ..core import citations

NAME = "skillmix"
ENV_KEY = "skillmix_table_citations"
# A link to an entry of the References page inside a table's HTML (`core.citations.citation`).
TABLE_LINK = re.compile(r'href="' + re.escape(citations.REFERENCES_PAGE) + r'#(cite-[a-z0-9-]+)"')
ID_ATTRIBUTE = re.compile(r'\bid="([^"]+)"')
APPENDIX = re.compile(r"^(Appendix [A-Z])\b")


# -- labels and order (pybtex plugins) ---------------------------------------------------------
class LabelStyle(BaseLabelStyle):
    """Labels from `core.citations.label_map` over the whole bibliography."""

    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        labels = citations.label_map(entries)
        for entry in entries:
            yield labels[entry.key]


class SortingStyle(BaseSortingStyle):
    """References in the order of their labels (`core.citations.sort_key`)."""

    def sort(self, entries):
        entries = list(entries)
        labels = citations.label_map(entries)
        return sorted(entries, key=lambda entry: citations.sort_key(labels[entry.key]))


class Style(UnsrtStyle):
    """pybtex's unsrt entry format with the book's labels and order."""

    default_label_style = NAME
    default_sorting_style = NAME


def _round_brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep="; ")


@dataclass
class ReferenceStyle(LabelReferenceStyle):
    """Citations by label in round brackets: "(Kessler 2020; DHSC 2023)"."""

    bracket_parenthetical: BracketStyle = field(default_factory=_round_brackets)
    bracket_textual: BracketStyle = field(default_factory=_round_brackets)


def register() -> None:
    """Make the style and the referencing style known to pybtex and sphinxcontrib-bibtex."""
    register_pybtex_plugin("pybtex.style.labels", NAME, LabelStyle, force=True)
    register_pybtex_plugin("pybtex.style.sorting", NAME, SortingStyle, force=True)
    register_pybtex_plugin("pybtex.style.formatting", NAME, Style, force=True)
    register_bibtex_plugin("sphinxcontrib.bibtex.style.referencing", NAME, ReferenceStyle, force=True)
    # sphinxcontrib-bibtex looks pybtex's plaintext backend up for every citation it resolves;
    # found among the entry points, each look-up reads every installed package's metadata
    # (about a second of a full build). Registered here, the same class is found at once.
    register_pybtex_plugin("pybtex.backends", "plaintext", PlaintextBackend, force=True)


# -- back-links ------------------------------------------------------------------------------
def _enclosing_id(node) -> str:
    """The id of the nearest enclosing section (the place a back-link goes to)."""
    while node is not None:
        if isinstance(node, nodes.section) and node["ids"]:
            return node["ids"][0]
        node = node.parent
    return ""


def table_citations(doctree) -> list[tuple[str, str]]:
    """(entry id, target id) for every link to a References entry in the page's raw HTML
    (tables): the target is the first id in that HTML (the table's own), else the section's."""
    found = []
    for raw in doctree.findall(nodes.raw):
        if "html" not in raw.get("format", "").split():
            continue
        text = raw.astext()
        ids = ID_ATTRIBUTE.findall(text)
        target = ids[0] if ids else _enclosing_id(raw)
        for entry_id in dict.fromkeys(TABLE_LINK.findall(text)):
            found.append((entry_id, target))
    return found


def _on_doctree_read(app, doctree) -> None:
    store = app.env.__dict__.setdefault(ENV_KEY, {})
    store[app.env.docname] = table_citations(doctree)


def _on_purge(app, env, docname) -> None:
    env.__dict__.setdefault(ENV_KEY, {}).pop(docname, None)


def _on_merge(app, env, docnames, other) -> None:
    store = env.__dict__.setdefault(ENV_KEY, {})
    for docname in docnames:
        if docname in other.__dict__.get(ENV_KEY, {}):
            store[docname] = other.__dict__[ENV_KEY][docname]


def _bibliography_docs(env) -> set[str]:
    return {key.docname for key in env.get_domain("cite").bibliographies}


def _on_outdated(app, env, added, changed, removed) -> list[str]:
    """Rewrite the References page whenever a page that may cite changed (its back-links)."""
    return sorted(_bibliography_docs(env) - set(added) - set(changed)) if added | changed | removed else []


def document_order(env, root: str) -> list[str]:
    """Documents in the order of the table of contents, from the root."""
    order: list[str] = []

    def walk(doc: str) -> None:
        if doc in order:
            return
        order.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(root)
    return order + sorted(set(env.all_docs) - set(order))


def short_title(env, docname: str) -> str:
    """How a back-link names a page: 'Chapter 2', 'Appendix B' (kept on one line), else the
    page's title."""
    title = env.titles[docname].astext() if docname in env.titles else docname
    appendix = APPENDIX.match(title)
    if appendix:
        return appendix.group(1).replace(" ", "\u00a0")
    number = env.toc_secnumbers.get(docname, {}).get("")
    if number:
        return "Chapter\u00a0" + ".".join(map(str, number))
    return title


def _natural(ident: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", ident))


def places(env) -> dict[str, dict[str, list[str]]]:
    """{entry id: {docname: [target ids in that page]}}: prose citations (in page order), then
    table citations."""
    domain = env.get_domain("cite")
    entry_ids = {citation.key: citation.citation_id for citation in domain.citations}
    found: dict[str, dict[str, list[str]]] = {}
    for ref in sorted(domain.citation_refs, key=lambda r: (r.docname, _natural(r.citation_ref_id))):
        for target in ref.targets:
            if target.key in entry_ids:
                found.setdefault(entry_ids[target.key], {}).setdefault(ref.docname, []).append(ref.citation_ref_id)
    for docname, links in sorted(env.__dict__.get(ENV_KEY, {}).items()):
        for entry_id, target in links:
            targets = found.setdefault(entry_id, {}).setdefault(docname, [])
            if target not in targets:
                targets.append(target)
    return found


def backlink_paragraph(app, fromdoc: str, where: dict[str, list[str]]) -> nodes.paragraph:
    """'Cited in: Chapter 2 (2, 3); Appendix B': a page's name links to its first place, the
    numbers to the others."""
    env = app.env
    para = nodes.paragraph(classes=["cited-in"])
    para += nodes.Text("Cited in: ")
    order = {doc: i for i, doc in enumerate(document_order(env, app.config.root_doc))}
    for n, docname in enumerate(sorted(where, key=lambda d: order.get(d, len(order)))):
        if n:
            para += nodes.Text("; ")
        uri = app.builder.get_relative_uri(fromdoc, docname)
        name = short_title(env, docname)
        targets = where[docname]
        para += nodes.reference("", name, internal=True, refuri=f"{uri}#{targets[0]}", reftitle=f"{name}, place 1")
        if len(targets) > 1:
            para += nodes.Text(" (")
            for i, target in enumerate(targets[1:], start=2):
                if i > 2:
                    para += nodes.Text(", ")
                para += nodes.reference(
                    "", str(i), internal=True, refuri=f"{uri}#{target}", reftitle=f"{name}, place {i}"
                )
            para += nodes.Text(")")
    return para


def _on_doctree_resolved(app, doctree, docname) -> None:
    # HTML only: a PDF cites within one document, where page links do not apply.
    if docname not in _bibliography_docs(app.env) or app.builder.format != "html":
        return
    found = places(app.env)
    for entry in doctree.findall(nodes.citation):
        for entry_id in entry["ids"]:
            if entry_id in found:
                entry += backlink_paragraph(app, docname, found[entry_id])
                break


def setup(app) -> dict[str, Any]:
    register()
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("doctree-read", _on_doctree_read)
    app.connect("env-purge-doc", _on_purge)
    app.connect("env-merge-info", _on_merge)
    app.connect("env-get-outdated", _on_outdated)
    app.connect("doctree-resolved", _on_doctree_resolved)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
