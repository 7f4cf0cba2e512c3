-- The attendance summary's new `marked` (0038) for facts filled before it: the sum of the person-level fact's
-- marked slots per organization, subject and month (the summary's municipality and type follow the
-- organization, so these three name a summary row). Without it the attendance fingerprint, which now reads
-- the summary, would find every organization with marks in the last two months drifted once.
update analytics.fact_attendance_summary s set marked = f.marked
from (
  select organization_id, subject_id, date, sum(marked)::int as marked
  from analytics.fact_attendance group by organization_id, subject_id, date
) f
where f.organization_id = s.organization_id and f.subject_id = s.subject_id and f.date = s.date;
