"""Indicators: the quantified targets and results of the reports, as typed records.

``model`` holds the controlled list of indicators and the records; ``numbers`` reads figures
(Chinese numerals, 万/亿, ranges, qualifiers); ``extract`` reads a report's blocks.
"""
from __future__ import annotations

from builder.indicators.extract import extract, extract_all
from builder.indicators.model import BY_ID, INDICATORS, Indicator, Indicators, Period, Record, Unresolved

__all__ = ["BY_ID", "INDICATORS", "Indicator", "Indicators", "Period", "Record", "Unresolved", "extract",
           "extract_all"]
