"""Scoring analysis records against gold annotations (``pactwatch eval``).

``gold`` reads gold files, ``score`` implements ``shared/gold/README.md``,
``runner`` produces the records, ``report``/``explain`` show results and
``baseline`` holds the quality-gate floors.
"""
