/**
 * The canonical operations of issue 13 §2, in the text the web client sends (its persisted-documents manifest,
 * `clients/web/src/generated/persisted-documents.json`). The guardian's diary + portfolio over all children is
 * one operation built from the web client's own diary fragment and portfolio selection: the web client asks per
 * child, and what §3 holds constant is the cost of one request as the number of children grows.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { dashboardRange } from '@region/analytics/dashboards';
import { regionToday } from '@region/kit';
import { benchGuardianOid, type GuardianSize } from './accounts.ts';

const MANIFEST = new URL('../../../clients/web/src/generated/persisted-documents.json', import.meta.url);

/** Whose token a request carries: a demo login of dev ESIA, or one of the bench's planted guardians. */
export type Caller = { login: string } | { oid: string };

export interface Operation {
  id: string;
  title: string;
  caller: Caller;
  document: string;
  /** Filled once the platform runs (e.g. the teacher's class and subject). */
  variables: Record<string, unknown>;
  /** Where the text comes from, for the report. */
  source: string;
  /** The subgraph that answers the whole operation, called directly as a third variant. */
  direct?: 'people' | 'learning' | 'analytics';
  /**
   * Also measured open-loop (`open-loop.ts`): 50 people at once, each reading an answer for `thinkSeconds`
   * before the next request — the reading of the p95 targets "at 50 connections" as users feel them.
   */
  openLoop?: { users: number; thinkSeconds: number };
}

/**
 * 50 people at once reading a diary, a journal grid or a dashboard panel for 5 s between requests (10 requests
 * a second), or a report table for 30 s (≈ 1.7 a second): docs/architecture.md, «Reading the p95 targets».
 */
const BROWSING = { users: 50, thinkSeconds: 5 } as const;
const READING_A_REPORT = { users: 50, thinkSeconds: 30 } as const;

let manifest: string[] | undefined;

/** The web client's operation by its name, with the fragments it uses. */
export function webOperation(name: string): string {
  manifest ??= Object.values(JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>);
  const found = manifest.find((text) =>
    parse(text).definitions.some(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === name,
    ),
  );
  if (!found) throw new Error(`The web client sends no operation named ${name}`);
  return found;
}

function portfolioSelection(): string {
  let selection: string | undefined;
  visit(parse(webOperation('Portfolio')), {
    Field(node: FieldNode) {
      if (node.name.value === 'portfolio' && node.selectionSet) selection = print(node.selectionSet);
    },
  });
  if (!selection) throw new Error('The Portfolio operation selects no portfolio');
  return selection;
}

/** Every child's week of the diary and portfolio in one request: `me → person → children`. */
function guardianChildrenDocument(): string {
  const diary = parse(webOperation('Diary'));
  const fragments = diary.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const operation = /* GraphQL */ `
    query BenchGuardianDiaryPortfolio {
      me {
        person {
          id
          children {
            id
            fullName
            diary {
              ...DiaryWeek
            }
            portfolio ${portfolioSelection()}
          }
        }
      }
    }
  `;
  return [operation, ...fragments.map((fragment) => print(fragment))].join('\n');
}

const guardianOperation = (children: GuardianSize): Operation => ({
  id: `guardian-diary-portfolio-${children}`,
  title: `Guardian: diary + portfolio, ${children} ${children === 1 ? 'child' : 'children'}`,
  caller: { oid: benchGuardianOid(children) },
  source:
    '`BenchGuardianDiaryPortfolio`: `me → person → children` with the web client’s `DiaryWeek` fragment and `Portfolio` selection',
  document: guardianChildrenDocument(),
  variables: {},
  ...(children === 2 ? { openLoop: BROWSING } : {}),
});

export function canonicalOperations(): Operation[] {
  return [
    {
      id: 'guardian-me',
      title: 'Guardian: me',
      caller: { login: 'guardian' },
      source: 'web `Me`',
      document: webOperation('Me'),
      variables: {},
      direct: 'people',
    },
    guardianOperation(1),
    guardianOperation(2),
    guardianOperation(5),
    {
      id: 'teacher-journal',
      title: 'Teacher: journal grid',
      caller: { login: 'teacher' },
      source: 'web `TeacherJournal` (the first of `TeacherAssignments`, current period)',
      document: webOperation('TeacherJournal'),
      variables: {},
      openLoop: BROWSING,
    },
    {
      id: 'coordinator-organizations',
      title: 'Coordinator: organizations + completeness + not opened',
      caller: { login: 'coordinator' },
      source: 'web `TerritoryOrganizations` (own municipality, first 20)',
      document: webOperation('TerritoryOrganizations'),
      variables: { filter: { municipalityId: null, type: null, name: null }, first: 20, after: null },
    },
    {
      id: 'analyst-report',
      title: 'Analyst: report, 3 dimensions',
      caller: { login: 'analyst' },
      source: 'web `Report`: CONTINGENT by municipality × organization type × grade, persons',
      document: webOperation('Report'),
      variables: {
        input: {
          dataset: 'CONTINGENT',
          dimensions: ['MUNICIPALITY', 'ORGANIZATION_TYPE', 'GRADE'],
          measures: ['PERSONS'],
        },
      },
      direct: 'analytics',
      openLoop: READING_A_REPORT,
    },
    {
      // A panel of «Мониторинг» (clients/web/src/cabinets/territory/monitoring.tsx): marks by municipality.
      id: 'analyst-dashboard',
      title: 'Analyst: monitoring dashboard panel',
      caller: { login: 'analyst' },
      // Over the dashboard's period (the school year to the last complete month, as `monitoringDashboard`
      // asks it): a period ending today is not whole months, so it would read the journal's view instead of
      // the facts — what an analyst's own report of «this year up to today» costs, not the panel's.
      source:
        'web `Report` as «Мониторинг» sends it: MARKS by municipality, average and share of «2», the school year to the last complete month',
      document: webOperation('Report'),
      variables: {
        input: {
          dataset: 'MARKS',
          dimensions: ['MUNICIPALITY'],
          measures: ['AVERAGE_MARK', 'SHARE_OF_TWOS'],
          ...dashboardRange(regionToday()),
        },
      },
      direct: 'analytics',
      openLoop: BROWSING,
    },
  ];
}

export function operationName(document: string): string | undefined {
  const operation = parse(document).definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return operation?.name?.value;
}
