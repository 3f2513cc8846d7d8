// documents: the documents in the store
//
// Question: which documents does the graph hold, from which district and year, of which kind,
//   and how much was found in each?
//   图谱中有哪些文件？各属哪个区、哪一年、什么类型？各抽取出多少提及和实体？
//
// Parameters (--param NAME=VALUE):
//   district   optional; only documents of this district, e.g. district=黄石港区;
//              default: every district
//   kind       optional; only documents of this kind: work_report (政府工作报告) or
//              task_breakdown (重点工作分解), e.g. kind=work_report; default: every kind
//
// Columns:
//   document  the document id
//   district  its district (empty if unknown)
//   city      its city
//   year      its year
//   kind      work_report, task_breakdown, ... (empty if unknown)
//   title     its title
//   mentions  the number of entity mentions extracted from it
//   entities  the number of different entities mentioned in it
//
// Rows are ordered by year, district, document.
//
// Example:
//   kg cypher OUT --query documents --param district=黄石港区

MATCH (d:Document)
WHERE ($district IS NULL OR coalesce(d.district, '') = $district)
  AND ($kind IS NULL OR coalesce(d.kind, '') = $kind)
OPTIONAL MATCH (e:Entity)-[m:MENTIONED_IN]->(d)
WITH d, count(DISTINCT m.id) AS mentions, count(DISTINCT e) AS entities
RETURN d.doc AS document, coalesce(d.district, '') AS district, d.city AS city,
       d.year AS year, coalesce(d.kind, '') AS kind, d.title AS title, mentions, entities
ORDER BY year IS NOT NULL, year, district, document
