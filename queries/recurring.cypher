// recurring: what a district keeps mentioning, year after year, and how far it got
//
// Question: which projects, parks, institutions and places does a district mention in documents
//   of at least two different years, and what status does each year's document give them?
//   一个区在至少两个不同年份的文件中反复提到哪些项目、园区、机构和地点？每年的进展如何？
//   Things are followed along their recurrence thread (kg:thread), so 十四中 (2020) and
//   十四中改扩建项目 (2025) count as one; a year's status is the furthest any of that year's
//   mentions says (mentioned < planned < started < ongoing < completed).
//   Same answer as `kg query recurring` and queries/recurring.rq.
//
// Parameters (--param NAME=VALUE):
//   district   optional; only this district (the documents' district), e.g. district=黄石港区;
//              default: every district
//   type       optional; types of the recurring thing, comma-separated, e.g. type=Project,Park;
//              default: Project,Park,Institution,Place
//   min_years  optional; at least this many different years, e.g. min_years=3; default: 2
//
// Columns:
//   canonical       the thread's canonical name
//   entity_type     its type (Project, Park, Institution, Place, ...)
//   district        the district whose documents mention it
//   years           the years of those documents, ascending, comma-separated (2020,2025)
//   n_years         how many different years
//   status_by_year  year:status for each year, ascending (2020:ongoing,2025:planned)
//   surfaces        every surface form seen, sorted, joined with 、
//
// Rows are ordered by n_years (descending), then canonical, entity_type, district.
//
// Example:
//   kg cypher OUT --query recurring --param district=黄石港区 --param type=Park

MATCH (e:Entity)-[m:MENTIONED_IN]->(d:Document)
WHERE d.district IS NOT NULL AND d.year IS NOT NULL AND e.thread IS NOT NULL
  AND ($district IS NULL OR d.district = $district)
WITH e.thread AS thread, d.district AS district, d.year AS year,
     max(CASE coalesce(m.status, 'mentioned')
           WHEN 'mentioned' THEN 0 WHEN 'planned' THEN 1 WHEN 'started' THEN 2
           WHEN 'ongoing' THEN 3 WHEN 'completed' THEN 4 END) AS best
WHERE best IS NOT NULL
WITH thread, district, year,
     toString(year) + ':' + ['mentioned', 'planned', 'started', 'ongoing', 'completed'][best]
       AS year_status
ORDER BY year
WITH thread, district, collect(year) AS year_list, collect(year_status) AS status_list
WHERE size(year_list) >= coalesce(toInteger($min_years), 2)
MATCH (t:Entity {id: thread})
WHERE (',' + replace(coalesce($type, 'Project,Park,Institution,Place'), ' ', '') + ',')
      CONTAINS (',' + t.type + ',')
MATCH (e:Entity {thread: thread})-[m:MENTIONED_IN]->(d:Document {district: district})
WITH DISTINCT t, district, year_list, status_list, m.surface AS surface
ORDER BY surface
WITH t, district, year_list, status_list, collect(surface) AS surface_list
RETURN DISTINCT t.name AS canonical, t.type AS entity_type, district,
       reduce(s = toString(head(year_list)), y IN tail(year_list) | s + ',' + toString(y))
         AS years,
       size(year_list) AS n_years,
       reduce(s = head(status_list), x IN tail(status_list) | s + ',' + x) AS status_by_year,
       reduce(s = head(surface_list), x IN tail(surface_list) | s + '、' + x) AS surfaces
ORDER BY n_years DESC, canonical, entity_type, district
