/**
 * The deterministic demo region: `generateRegion({ seed, scale })` returns the rows of every `people`,
 * `learning` and `admissions` table without touching a database. The same seed and scale always give the
 * same rows and ids. The learning and admissions rows come last, each from its own random streams and ids,
 * so they never change the people rows (nor each other).
 */
import { createAccountRecords, grantOfficials, linkAccountFamilies } from './account-records.ts';
import { generateAdmissions } from './admissions/generate.ts';
import { generateExtraEducation } from './extra-education/generate.ts';
import { summarizeAdmissions } from './admissions/summary.ts';
import { planClasses } from './classes.ts';
import { grantConsents } from './consents.ts';
import { recordMovements } from './contingent.ts';
import { createContext, DEMO_SCHOOL_YEAR } from './context.ts';
import { computeFaults } from './data-quality.ts';
import { plantCardFaults, plantDuplicateParents } from './faults.ts';
import { createLearners } from './learners.ts';
import { generateOrganizations } from './organizations.ts';
import { generateLearning } from './learning/generate.ts';
import { addLateAccounts } from './late-accounts.ts';
import { hireStaff } from './staff.ts';
import { assignTeaching } from './teaching.ts';
import type { DemoRegion, GenerateOptions } from './types.ts';

export { DEMO_SCHOOL_YEAR } from './context.ts';
export { INVALID_INN_ORGANIZATION } from './organizations.ts';

export function generateRegion(options: GenerateOptions): DemoRegion {
  if (!(options.scale > 0) || !Number.isFinite(options.scale))
    throw new Error(`demo: scale must be a positive number, got ${options.scale}`);
  const context = createContext(options.seed, options.schoolYear ?? DEMO_SCHOOL_YEAR);

  generateOrganizations(context, options.scale);
  planClasses(context);
  const placed = createAccountRecords(context);
  const coordinators = grantOfficials(context, placed);
  const staffing = hireStaff(context, placed);
  assignTeaching(context, staffing, placed, coordinators);
  linkAccountFamilies(context, placed);
  const learners = createLearners(context, placed);
  recordMovements(context, learners, staffing);
  plantDuplicateParents(context, Math.max(3, Math.round(4 * options.scale)));
  plantCardFaults(context, staffing);
  grantConsents(context, placed);
  addLateAccounts(context, options.seed);

  const learning = generateLearning(options.seed, context.rows, context.catalog);
  const admissions = generateAdmissions(options.seed, context.rows, context.catalog);
  const extraEducation = generateExtraEducation(options.seed, context.rows, context.catalog);
  return {
    rows: context.rows,
    learning,
    admissions,
    extraEducation,
    catalog: context.catalog,
    faults: {
      ...computeFaults(context.rows, context.catalog.organizations),
      admissions: summarizeAdmissions(admissions, context.catalog),
    },
  };
}
