// responsibilities: who is responsible for which task
//
// Question: which departments, streets and companies lead, carry out or support which tasks of
//   a district's task breakdown?
//   重点工作分解中，哪些单位牵头、负责或配合哪些任务？
//
// Parameters (--param NAME=VALUE):
//   body       optional; only this body (its canonical name, exact), e.g. body=区发改局;
//              default: every body
//   role       optional; only this role: lead (牵头单位), responsible (责任单位) or
//              support (配合单位), e.g. role=lead; default: every role
//   district   optional; only documents of this district, e.g. district=黄石港区;
//              default: every district
//
// Columns:
//   body       the responsible body's canonical name
//   body_type  its type (GovernmentBody, AdminDivision for a street or town, Company, ...)
//   role       lead, responsible or support
//   task       the task's text
//   district   the document's district (empty if it has none)
//   document   the document id
//   year       the document's year
//
// Rows are ordered by district, body, year, document, role, task.
//
// Example:
//   kg cypher OUT --query responsibilities --param body=区发改局 --param role=lead

MATCH (b:Entity)-[r:RESPONSIBLE_FOR]->(t)
MATCH (d:Document {doc: r.document})
WITH DISTINCT b.name AS body, b.type AS body_type, coalesce(r.role, '') AS role,
     t.name AS task, coalesce(d.district, '') AS district, d.doc AS document, d.year AS year
WHERE ($body IS NULL OR body = $body)
  AND ($role IS NULL OR role = $role)
  AND ($district IS NULL OR district = $district)
RETURN body, body_type, role, task, district, document, year
ORDER BY district, body, year IS NOT NULL, year, document, role, task
