"""HTML to PDF with WeasyPrint, deterministic and offline."""

from __future__ import annotations

from pathlib import Path


def _no_network(url: str, timeout: int = 10, ssl_context: object = None) -> dict[str, object]:
    """URL fetcher that refuses everything but data: URIs (all assets are embedded)."""
    from weasyprint.urls import default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url)
    raise ValueError(f"refusing to fetch {url!r}: outputs must be self-contained")


def html_to_pdf(html: str, base_dir: Path | None = None, pdf_variant: str | None = None) -> bytes:
    """Render HTML to PDF bytes. Dates come from the document's <meta> tags, not the clock."""
    import weasyprint

    document = weasyprint.HTML(
        string=html,
        base_url=str(base_dir) if base_dir else None,
        url_fetcher=_no_network,
    )
    options: dict[str, object] = {"uncompressed_pdf": False}
    if pdf_variant:
        options["pdf_variant"] = pdf_variant
    return document.write_pdf(**options)
