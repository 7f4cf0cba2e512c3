/**
 * Dates as the school sees them: the region's calendar dates, from the kit's region-time module (the one place
 * that names the zone). Kept as learning's vocabulary so its modules read `isoDate(moment)`.
 */
export {
  addDays,
  daysBetween,
  isoWeekday,
  regionDate as isoDate,
  regionSchoolYear as currentSchoolYear,
  schoolYearOf,
} from '@region/kit';
