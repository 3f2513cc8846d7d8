"""kg's ontology (kg.ttl), SHACL shapes (shapes.ttl), JSON-LD context and the label mapping
(mapping.yaml). Installed as ``kg.ontology`` so that writers find the files in site-packages."""
