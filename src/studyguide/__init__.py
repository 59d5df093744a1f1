"""studyguide: YAML course units in, print-ready study-guide PDFs out."""

__version__ = "0.1.0"
