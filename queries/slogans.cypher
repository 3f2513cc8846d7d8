// slogans: the numbered slogans of each district and what they stand for
//
// Question: which slogans (五个临空, 两园两带, 六稳六保 ...) does each district use, what are their
//   parts, and does the number in the slogan match the number of parts?
//   每个区使用哪些数字口号（提法），其具体内容是什么，数字与内容条数是否一致？
//
// Parameters (--param NAME=VALUE):
//   district   optional; only this district, e.g. district=黄石港区; default: every district
//   name       optional; only the slogan with this text, e.g. name=五个临空; default: every slogan
//
// Columns:
//   slogan           the slogan as written (五个临空)
//   district         the district that uses it
//   numeral_count    the number its numerals add up to (五个临空: 5, 两不愁三保障: 5); empty if none
//   components       its parts in the order the definition gives them, joined with 、;
//                    empty if no definition was found
//   n_components     how many parts (0 if no definition)
//   count_matches    true/false: n_components equals numeral_count; empty when either is missing
//   first_year       the first year a document of the district mentions it
//   last_year        the last such year
//   other_districts  other districts using the same text, sorted, joined with 、 (their
//                    definitions may differ)
//
// Rows are ordered by district, then slogan.
//
// Example:
//   kg cypher OUT --query slogans --param district=黄石港区 --param name=五个临空

MATCH (s:Slogan)
WHERE s.district IS NOT NULL
  AND ($district IS NULL OR s.district = $district)
  AND ($name IS NULL OR s.name = $name)
// the parts, each placed by its first definition: year, then offset in the document
OPTIONAL MATCH (s)-[r:DEFINED_AS]->(c)
OPTIONAL MATCH (d:Document {doc: r.document})
WHERE d.year IS NOT NULL AND r.tail_start IS NOT NULL
WITH s, c.name AS part,
     CASE WHEN d IS NOT NULL
       THEN toString(d.year) + substring(toString(10000000000 + r.tail_start), 1)
     END AS key
WITH s, part, min(key) AS first
ORDER BY first, part
WITH s, collect(CASE WHEN first IS NOT NULL THEN part END) AS parts
// other districts using the same text
OPTIONAL MATCH (o:Slogan {name: s.name})
WHERE o.district IS NOT NULL AND o.district <> s.district
WITH DISTINCT s, parts, o.district AS other
ORDER BY other
WITH s, parts, collect(other) AS others
RETURN s.name AS slogan, s.district AS district, s.count AS numeral_count,
       CASE WHEN size(parts) = 0 THEN ''
            ELSE reduce(t = head(parts), p IN tail(parts) | t + '、' + p) END AS components,
       size(parts) AS n_components,
       CASE WHEN size(parts) = 0 OR s.count IS NULL THEN null
            ELSE size(parts) = s.count END AS count_matches,
       s.first_year AS first_year, s.last_year AS last_year,
       CASE WHEN size(others) = 0 THEN ''
            ELSE reduce(t = head(others), x IN tail(others) | t + '、' + x) END
         AS other_districts
ORDER BY district, slogan
