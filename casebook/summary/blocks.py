"""Building blocks for the summary story: paragraphs, fields, tables, boxes.

Every string that came from a user goes through :meth:`Blocks.text` or
:meth:`Blocks.inline`, which escape it (see :mod:`casebook.summary.text`).
Markup that this package writes itself (``<b>`` around a label it chose) is
combined with escaped text only here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from casebook.summary import styles as st
from casebook.summary.fonts import FontCoverage
from casebook.summary.text import chunk_text, clean_text, to_markup

MM = 72 / 25.4


class Blocks:
    """Makes flowables out of user text with a fixed set of styles."""

    def __init__(self, styles: st.Styles, coverage: FontCoverage, width: float) -> None:
        """Keep the styles, font coverage and frame width.

        Args:
            styles: Paragraph styles from :func:`casebook.summary.styles.make_styles`.
            coverage: Font coverage from :func:`casebook.summary.fonts.register_fonts`.
            width: Width of the text frame in points.
        """
        self.styles = styles
        self.coverage = coverage
        self.width = width

    def inline(self, value: Any, style: Any, face: str | None = None) -> str:
        """Escape a short user string into markup for the given style.

        Args:
            value: User text (None gives ``""``).
            style: Paragraph style the markup will be set in.
            face: Face to check glyphs against, when not the style's font.

        Returns:
            Safe markup.
        """
        if value is None:
            return ""
        return to_markup(str(value), face or style.fontName, self.coverage)

    def para(self, markup: str, style: Any) -> Any:
        """A paragraph from markup built by this package.

        Args:
            markup: Markup whose user parts were escaped by :meth:`inline`.
            style: Paragraph style.

        Returns:
            The ``Paragraph``.
        """
        from reportlab.platypus import Paragraph

        return Paragraph(markup, style)

    def text(self, value: Any, style: Any | None = None) -> list[Any]:
        """Paragraphs for a (possibly very long) piece of user text.

        Args:
            value: User text; None or blank gives no paragraphs.
            style: Paragraph style (body by default).

        Returns:
            One paragraph per chunk, each small enough to fit on a page.
        """
        style = style or self.styles.body
        if value is None:
            return []
        return [
            self.para(self.inline(chunk, style), style)
            for chunk in chunk_text(clean_text(str(value)))
        ]

    def field(self, label: str, value: Any) -> list[Any]:
        """A labelled block of user text; nothing when the value is empty.

        Args:
            label: Heading chosen by this package (plain text).
            value: User text.

        Returns:
            Label paragraph plus body paragraphs, or an empty list.
        """
        body = self.text(value)
        if not body:
            return []
        return [self.label(label), *body]

    def label(self, label: str) -> Any:
        """A small field label.

        Args:
            label: Plain text chosen by this package.

        Returns:
            The label paragraph (kept with what follows).
        """
        return self.para(self.inline(label.upper(), self.styles.label), self.styles.label)

    def pairs(self, rows: Sequence[tuple[str, Any]], label_width: float = 34 * MM) -> Any:
        """A two-column table of label and value (values are user text).

        Args:
            rows: (label, value) pairs; empty values are skipped.
            label_width: Width of the label column in points.

        Returns:
            A ``Table`` flowable, or a ``Spacer`` when there is nothing to show.
        """
        from reportlab.platypus import Spacer, Table, TableStyle

        cells = [
            [
                self.para(self.inline(name, self.styles.cell_muted), self.styles.cell_muted),
                self.text(value, self.styles.cell),
            ]
            for name, value in rows
            if value not in (None, "", [])
        ]
        if not cells:
            return Spacer(1, 0)
        table = Table(
            cells, colWidths=[label_width, self.width - label_width], hAlign="LEFT", splitInRow=1
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return table

    def grid(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        highlight_rows: Sequence[int] = (),
        highlight: str = st.ALERT_TINT,
    ) -> Any:
        """A table with a header row, zebra rows and text that wraps.

        Args:
            header: Column titles (plain text chosen by this package).
            rows: Cells; a str is user text, anything else a ready flowable.
            widths: Column widths as fractions of the frame width.
            highlight_rows: Indexes (into ``rows``) to tint.
            highlight: Tint for those rows.

        Returns:
            A ``Table`` that repeats its header on each page it spans.
        """
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Table, TableStyle

        head = [
            self.para(self.inline(h, self.styles.cell_bold), self.styles.cell_bold) for h in header
        ]
        body = [[self._cell(value) for value in row] for row in rows]
        table = Table(
            [head, *body],
            colWidths=[w * self.width for w in widths],
            repeatRows=1,
            hAlign="LEFT",
            splitInRow=1,
        )
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, HexColor(st.HEADING)),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, HexColor(st.RULE)),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        for index in highlight_rows:
            commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), HexColor(highlight)))
        table.setStyle(TableStyle(commands))
        return table

    def _cell(self, value: Any) -> Any:
        if isinstance(value, str) or value is None:
            return self.text(value or "", self.styles.cell)
        return value

    def box(self, flowables: Sequence[Any], tint: str, edge: str, indent: float = 0) -> Any:
        """A tinted box with a coloured left edge that can break across pages.

        Args:
            flowables: Contents; each becomes one row, so the box splits between them.
            tint: Background colour.
            edge: Colour of the left edge.
            indent: Left indent of the whole box in points.

        Returns:
            A ``Table`` flowable.
        """
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Table, TableStyle

        table = Table(
            [[f] for f in flowables], colWidths=[self.width - indent], hAlign="RIGHT", splitInRow=1
        )
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), HexColor(tint)),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.5, HexColor(edge)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, 0), 7),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return table

    def quotes(self, quotes: Sequence[Any]) -> list[Any]:
        """The child's own words: each quote indented, in italics, set apart.

        Args:
            quotes: Verbatim quotes (user text).

        Returns:
            Flowables (empty when there are no quotes).
        """
        from reportlab.platypus import Spacer

        style = self.styles.quote
        out: list[Any] = []
        for quote in quotes:
            chunks = chunk_text(clean_text(str(quote)))
            if not chunks:
                continue
            paras = []
            for index, chunk in enumerate(chunks):
                opening = "\u201c" if index == 0 else ""
                closing = "\u201d" if index == len(chunks) - 1 else ""
                paras.append(self.para(opening + self.inline(chunk, style) + closing, style))
            out.append(self.box(paras, st.TINT, st.QUOTE_BAR, indent=8 * MM))
            out.append(Spacer(1, 4))
        return out
