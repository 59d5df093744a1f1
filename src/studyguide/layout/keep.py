"""Keeping things together without wasting the rest of a page.

ReportLab's KeepTogether moves a whole group to the next page whenever the group does not
fit, so a heading followed by a long table (a glossary, a list of key dates) leaves most
of a page empty. A reader only needs the heading to stay with the *opening* of what it
announces: the first lines of a paragraph (widow and orphan control guarantee two), the
first rows of a table.
"""

from __future__ import annotations

from reportlab.platypus import KeepTogether
from reportlab.platypus.flowables import _listWrapOn


class KeepOpening(KeepTogether):
    """Whole on one page when it fits; otherwise its last flowable starts here, split, if
    everything before it and a first piece of it fit; otherwise the group moves on.

    Also the document's class for `keepWithNext` (headings), so every heading follows
    this rule.
    """

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content = self._content
        # a nested group (a question) decides for itself; only plain flowables split here
        if self._H > aH and len(content) > 1 and not isinstance(content[-1], KeepTogether):
            *heads, last = content
            used = _listWrapOn(heads, aW, self.canv)[1] + last.getSpaceBefore()
            if used < aH:
                parts = last.splitOn(self.canv, aW, aH - used)
                if len(parts) > 1:
                    return heads + parts
        return super().split(aW, aH)
