-- Identity documents in one writing (DOMAIN.md rule 8, issue 9 §5): `75 00 123456` and `7500 123456` are one
-- document. This mirrors `normalizeIdentityDocument` of schema/src/identifiers.ts, which the services apply
-- to every new value. Records that would become equal to another live record are left as they are: they are
-- duplicates for the school to merge (rule 8), and rewriting them would break the unique index.
CREATE FUNCTION pg_temp.normalize_document_part(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(
    regexp_replace(replace(upper(normalize(replace(value, '№', ''), NFKC)), 'Ё', 'Е'), '[[:space:]]+', '', 'g'),
    '[‐‑‒–—―−﹘﹣－]', '-', 'g')
$$;
--> statement-breakpoint
WITH normalized AS (
  SELECT id, document_type,
         nullif(pg_temp.normalize_document_part(coalesce(document_series, '')), '') AS series,
         pg_temp.normalize_document_part(document_number) AS number
  FROM people.persons
  WHERE document_number IS NOT NULL
), split AS (
  SELECT id, document_type,
         CASE WHEN document_type = 'RF_PASSPORT' AND series IS NULL AND number ~ '^[0-9]{10}$'
              THEN left(number, 4) ELSE series END AS series,
         CASE WHEN document_type = 'RF_PASSPORT' AND series IS NULL AND number ~ '^[0-9]{10}$'
              THEN substr(number, 5) ELSE number END AS number
  FROM normalized
), live AS (
  SELECT s.id, count(*) OVER (PARTITION BY s.document_type, s.series, s.number) AS same
  FROM split s JOIN people.persons p ON p.id = s.id
  WHERE p.merged_into IS NULL
)
UPDATE people.persons p
SET document_series = s.series, document_number = s.number
FROM split s
WHERE p.id = s.id
  AND (p.document_series IS DISTINCT FROM s.series OR p.document_number IS DISTINCT FROM s.number)
  AND NOT EXISTS (SELECT 1 FROM live l WHERE l.id = s.id AND l.same > 1);
