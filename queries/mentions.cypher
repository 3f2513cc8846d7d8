// mentions: every place the documents mention an entity (the evidence)
//
// Question: where exactly is this entity mentioned: in which document, year and section, with
//   which words, and in which sentence?
//   某一实体在哪些文件、哪一年、哪个章节、以什么字样被提到？原句是什么？
//
// Parameters (--param NAME=VALUE):
//   name       required; the entity's canonical name or any surface form (alias) it was seen as,
//              e.g. name=胜阳港社区卫生服务中心 or name=胜阳港卫生服务中心
//   district   optional; only the entity of this district, e.g. district=黄石港区;
//              default: every district
//
// Columns:
//   entity        the entity's canonical name
//   entity_type   its type
//   district      its district (empty if it has none)
//   surface       the words the document uses there
//   document      the document id
//   year          the document's year
//   section       the heading of the section the mention is in (empty outside sections)
//   section_role  that section's role: review, plan, tasks, glossary, ...
//   status        the lifecycle status of the mention (planned, started, ongoing, completed,
//                 mentioned) where known
//   start         character offset of the mention in the document
//   end           character offset just after it (the document text [start:end] is the surface)
//   sentence      the sentence it is in
//
// Rows are ordered by entity, entity_type, district, year, document, start.
//
// Example:
//   kg cypher OUT --query mentions --param name=胜阳港卫生服务中心

MATCH (e:Entity)
WHERE (e.name = $name OR $name IN coalesce(e.aliases, []))
  AND ($district IS NULL OR coalesce(e.district, '') = $district)
MATCH (e)-[m:MENTIONED_IN]->(d:Document)
RETURN DISTINCT e.name AS entity, e.type AS entity_type, coalesce(e.district, '') AS district,
       m.surface AS surface, d.doc AS document, d.year AS year, m.section AS section,
       m.section_role AS section_role, m.status AS status, m.start AS start, m.end AS end,
       m.sentence AS sentence
ORDER BY entity, entity_type, district, year IS NOT NULL, year, document, start, end
