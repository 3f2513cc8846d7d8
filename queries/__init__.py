"""Canned SPARQL (.rq) and Cypher (.cypher) queries, each with a header saying what question it
answers and its parameters. Installed as ``kg.queries``; ``kg sparql --query NAME`` runs one."""
