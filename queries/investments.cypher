// investments: the money put into each project, park or company
//
// Question: how much is (or was) invested in which project or park, and what kind of figure is
//   it (total investment, completed, raised ...)?
//   哪些项目、园区投资多少？是总投资、已完成投资还是融资额？
//
// Parameters (--param NAME=VALUE):
//   entity     optional; only this project, park or company (its canonical name, exact),
//              e.g. entity=金龙应急救援产品研发及智能制造项目; default: every one
//   district   optional; only documents of this district, e.g. district=曾都区;
//              default: every district
//
// Columns:
//   entity       the invested-in (or investing) entity's canonical name
//   entity_type  its type (Project, Park, Company, ...)
//   amount       the amount as written (20亿元)
//   amount_yuan  its value in yuan, rounded to an integer (2000000000); empty if not in yuan
//   role         what the figure is: total, completed, raised, planned, ... (empty if unknown)
//   district     the document's district (empty if it has none)
//   document     the document id
//   year         the document's year
//   sentence     the evidence sentence
//
// Rows are ordered by district, entity, year, document, amount_yuan, amount, role.
//
// Example:
//   kg cypher OUT --query investments --param district=曾都区

MATCH (e:Entity)-[r:INVESTMENT]->(a:Entity)
MATCH (d:Document {doc: r.document})
WITH DISTINCT e.name AS entity, e.type AS entity_type, a.name AS amount,
     CASE WHEN a.currency = 'CNY' THEN toInteger(round(a.value)) END AS amount_yuan,
     coalesce(r.role, '') AS role, coalesce(d.district, '') AS district, d.doc AS document,
     d.year AS year, r.sentence AS sentence
WHERE ($entity IS NULL OR entity = $entity)
  AND ($district IS NULL OR district = $district)
RETURN entity, entity_type, amount, amount_yuan, role, district, document, year, sentence
ORDER BY district, entity, year IS NOT NULL, year, document, amount_yuan IS NOT NULL,
         amount_yuan, amount, role
