"""Questions answered from the graph model across documents and years: recurring projects and
their lifecycles, slogans and how they spread. The canned queries in queries/ answer the same
questions in SPARQL and Cypher; tests check that all three agree."""
