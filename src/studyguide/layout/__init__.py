"""Layout: the unit model in, ReportLab flowables and a finished PDF out.

`styles` holds the measures, `flowables` the drawing pieces (answer space, charts,
headings that register bookmarks), `questions` how each question type looks, `story`
the order of the guide, and `document` the page templates and the single layout pass.
"""
