"""Stories: articles about the same happening, grouped across outlets.

``minhash`` turns an article into a MinHash signature of its word shingles;
``cluster`` groups articles whose signatures, actors and dates agree (and flags
near-duplicates); ``corroboration`` counts, for each event or commitment a story
reports, the articles behind it and its independent sources. ``build`` ties them
to a store (signatures are stored, so new articles are matched incrementally).
"""
