// entity_facts: everything the documents say about one entity, with the evidence
//
// Question: what do the documents say about this entity: its relations in both directions
//   (definitions, locations, investments, responsibilities, partners, subdivisions) and every
//   mention, each with its document, year and evidence sentence?
//   关于某一实体，文件中有哪些关系和提及？每条都附出处文件、年份和原句。
//
// Parameters (--param NAME=VALUE):
//   name       required; the entity's canonical name or any surface form (alias) it was seen as,
//              e.g. name=黄石港临空商务产业园 or name=临空商务产业园
//   district   optional; only the entity of this district (a name like 区发改局 can denote one
//              body per district), e.g. district=黄石港区; default: every district
//
// Columns:
//   entity       the entity's canonical name
//   entity_type  its type
//   district     its district (empty if it has none)
//   relation     definedAs, locatedIn, investment, responsibleFor, partner, subdivisionOf, or
//                mentionedIn for a mention
//   direction    out (the entity is the subject) or in (it is the object); mentions are out
//   other        the other end: an entity, a slogan part, a task, or for a mention the
//                document's title (its id when it has none)
//   other_type   the other end's type (Document for a mention)
//   role         the relation's role (lead, responsible, support; total, completed, ...), if any
//   document     the document id
//   year         the document's year
//   start        character offset of the evidence sentence in the document
//   sentence     the evidence sentence
//
// Rows are ordered by entity, entity_type, district, year, document, start, then the rest.
//
// Example:
//   kg cypher OUT --query entity_facts --param name=临空商务产业园

MATCH (e:Entity)
WHERE (e.name = $name OR $name IN coalesce(e.aliases, []))
  AND ($district IS NULL OR coalesce(e.district, '') = $district)
MATCH (e)-[r]-(o)
MATCH (d:Document {doc: r.document})
WITH DISTINCT e.name AS entity, e.type AS entity_type, coalesce(e.district, '') AS district,
     CASE type(r)
       WHEN 'MENTIONED_IN' THEN 'mentionedIn'
       WHEN 'DEFINED_AS' THEN 'definedAs'
       WHEN 'LOCATED_IN' THEN 'locatedIn'
       WHEN 'INVESTMENT' THEN 'investment'
       WHEN 'RESPONSIBLE_FOR' THEN 'responsibleFor'
       WHEN 'PARTNER' THEN 'partner'
       WHEN 'SUBDIVISION_OF' THEN 'subdivisionOf'
     END AS relation,
     CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction,
     o.name AS other, o.type AS other_type, r.role AS role, d.doc AS document, d.year AS year,
     CASE type(r) WHEN 'MENTIONED_IN' THEN r.sentence_start ELSE r.start END AS start,
     r.sentence AS sentence
RETURN entity, entity_type, district, relation, direction, other, other_type, role, document,
       year, start, sentence
ORDER BY entity, entity_type, district, year IS NOT NULL, year, document, start, relation,
         direction, other, other_type, role IS NOT NULL, role, sentence
