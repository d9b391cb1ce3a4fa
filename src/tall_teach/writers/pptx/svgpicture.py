"""An SVG figure on a slide: a PNG drawn at the placed size, with the SVG itself beside it.

python-pptx only places bitmaps. PowerPoint 2016+ shows the SVG a picture's blip names in
its `asvg:svgBlip` extension and keeps the PNG as the fallback that LibreOffice, older
PowerPoint and thumbnails show, which is how PowerPoint itself saves an inserted SVG.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from tall_teach.writers.pptx.context import EMU_PER_INCH

FALLBACK_DPI = 192  # twice screen resolution: sharp on a projector, small in the file
SVG_BLIP_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def add_svg_picture(slide: Any, path: str, x: int, y: int, w: int, h: int) -> Any:
    """Place the SVG at (x, y, w, h) EMU: the PNG fallback plus the SVG part."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part

    from tall_teach.svgraster import svg_to_png

    data = Path(path).read_bytes()
    pixels = (round(w / EMU_PER_INCH * FALLBACK_DPI), round(h / EMU_PER_INCH * FALLBACK_DPI))
    png = svg_to_png(data, max(1, pixels[0]), max(1, pixels[1]))
    picture = slide.shapes.add_picture(io.BytesIO(png), x, y, w, h)
    package = slide.part.package
    part = Part(package.next_image_partname("svg"), "image/svg+xml", package, data)
    rid = slide.part.relate_to(part, RT.IMAGE)
    blip = picture._element.blipFill.find(f"{{{A}}}blip")
    ext_list = blip.find(f"{{{A}}}extLst")
    if ext_list is None:
        ext_list = etree.SubElement(blip, f"{{{A}}}extLst")
    ext = etree.SubElement(ext_list, f"{{{A}}}ext", uri=SVG_BLIP_EXT)
    svg_blip = etree.SubElement(ext, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
    svg_blip.set(f"{{{R}}}embed", rid)
    return picture
