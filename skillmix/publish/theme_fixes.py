"""Sphinx extension: no console errors from the theme stack on a first visit to any page, and
no broken list role on the References page."""


def _script_key(script) -> tuple:
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {}) or {}
    return (str(filename), getattr(script, "priority", 500), tuple(sorted((k, str(v)) for k, v in attributes.items())))


def dedupe_scripts(app, pagename, templatename, context, doctree):
    """sphinx-thebe registers its inline configuration script once with filename None and once
    with "" (Sphinx 7.4 adds it to the registry and to the builder), so every page declared
    `const THEBE_JS_URL` twice and the browser logged a SyntaxError. Keep the first of each."""
    seen, kept = set(), []
    for script in context.get("script_files", []):
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def unlist_citations(app, pagename, templatename, context, doctree):
    """Sphinx writes the References as `<div role="list">` whose entries have the role
    `doc-biblioentry`, not `listitem`, which assistive technology reads as a broken list
    (axe-core: aria-required-children). The entries keep their own role; the list role goes."""
    body = context.get("body")
    if body and 'role="list" class="citation-list"' in body:
        context["body"] = body.replace('<div role="list" class="citation-list">', '<div class="citation-list">')


def setup(app):
    app.connect("html-page-context", dedupe_scripts, priority=900)
    app.connect("html-page-context", unlist_citations, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
