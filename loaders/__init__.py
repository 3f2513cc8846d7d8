"""Writers that push a built graph into external stores (a SPARQL Graph Store Protocol
endpoint, Neo4j over Bolt). Installed as ``kg.loaders``, never as a top-level package."""
