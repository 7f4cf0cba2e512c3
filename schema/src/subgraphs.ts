/**
 * The subgraph registry (issue 10 §2): the one list of subgraphs. Composition, migrations and roles, the
 * gateway's service list, the launcher, the test platform and the contract suite all read it, so a new
 * subgraph is its folder under `subgraphs/` plus one entry here.
 *
 * Plain data only: every consumer (db, gateway, launcher, tests) imports it without importing any
 * subgraph's code. The code that builds a subgraph is named by path (`app`, `main`) and imported lazily by
 * whoever runs it. Functions that walk the registry take it as an argument defaulting to `SUBGRAPHS`, so a
 * test can add a throwaway subgraph without editing this file (`tests/e2e/registry.test.ts`).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baseSdl } from './sdl.ts';

export interface SubgraphEntity {
  typename: string;
  /**
   * SQL run by the contract suite as the superuser that returns one existing `id` of the type (it may
   * insert the row when the demo region has none).
   */
  sample: string;
}

/**
 * A worker process kind of a subgraph (issue 10 §2, §5): background work that runs as its own process, not in
 * every API replica — e.g. the outbox. `npm start` starts one per kind; production runs it as its own
 * Deployment (`<subgraph>-<name>`). It gets the subgraph's `<PREFIX>_DATABASE_URL`, `WORKER_PORT` and the
 * platform's `GATEWAY_URL`, `SERVICE_TOKEN_URL`, `EPGU_URL`; the subgraph's API processes then run with
 * `OUTBOX_WORKERS=off`.
 */
export interface SubgraphWorker {
  /** The kind (`outbox`); the process is `<subgraph>-<name>` (`workerProcessName`). */
  name: string;
  /** The process entry (absolute), a `workerMain(...)` of the kit. */
  main: string;
  /** Its `/health` port in `npm start` (`WORKER_PORT`). */
  port: number;
}

export interface SubgraphEntry {
  name: string;
  /** Its port in `npm start` and its default URL (`http://127.0.0.1:<port>/graphql`). */
  port: number;
  /** The PostgreSQL schema it owns and the role it connects as: the role writes only that schema. */
  database: { schema: string; role: string };
  /** The subgraph's folder (absolute); its SDL is `src/modules/<module>/schema.graphql`. */
  dir: string;
  /** The module whose default export is its `defineSubgraph(...)` (imported lazily). */
  app: string;
  /** The process entry `npm start` spawns. */
  main: string;
  /** Its process's env prefix (`PEOPLE` → `PEOPLE_PORT`, `PEOPLE_DATABASE_URL`; the kit's `subgraphMain`). */
  envPrefix: string;
  /** The gateway's env variable holding its URL (e.g. `PEOPLE_URL`). */
  urlEnv: string;
  /** The entities it originates (its `@key` types it owns), each checked by the contract suite. */
  entities: readonly SubgraphEntity[];
  /** Its worker process kinds, if any (`withWorkers`). */
  workers?: readonly SubgraphWorker[];
}

export type Registry = readonly SubgraphEntry[];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** An entry from the conventions: folder `subgraphs/<name>`, schema `<name>`, role `<name>_svc`, `<NAME>_URL`. */
export function subgraphEntry<N extends string>(
  name: N,
  port: number,
  entities: readonly SubgraphEntity[],
  dir = `${ROOT}subgraphs/${name}`,
): SubgraphEntry & { name: N } {
  const prefix = name.toUpperCase().replaceAll('-', '_');
  return {
    name,
    port,
    database: { schema: name.replaceAll('-', '_'), role: `${name.replaceAll('-', '_')}_svc` },
    dir,
    app: `${dir}/src/app.ts`,
    main: `${dir}/src/index.ts`,
    envPrefix: prefix,
    urlEnv: `${prefix}_URL`,
    entities,
  };
}

/** The entry with worker process kinds; each `main` is relative to the subgraph's folder (`src/worker.ts`). */
export function withWorkers<E extends SubgraphEntry>(
  entry: E,
  workers: readonly { name: string; main: string; port: number }[],
): E & { workers: readonly SubgraphWorker[] } {
  return { ...entry, workers: workers.map((worker) => ({ ...worker, main: `${entry.dir}/${worker.main}` })) };
}

/** The process name of a subgraph's worker kind: `admissions-outbox`. */
export function workerProcessName(entry: SubgraphEntry, worker: SubgraphWorker): string {
  return `${entry.name}-${worker.name}`;
}

export const SUBGRAPHS = [
  withWorkers(
    subgraphEntry('people', 4001, [
      { typename: 'Person', sample: 'select person_id as id from people.enrolments where ended_on is null limit 1' },
      { typename: 'Organization', sample: 'select id from people.organizations limit 1' },
      { typename: 'Municipality', sample: 'select id from people.municipalities limit 1' },
    ]),
    // E-mail copies of notifications to the SMTP relay (subgraphs/people/src/worker.ts).
    [{ name: 'mail', main: 'src/worker.ts', port: 4019 }],
  ),
  withWorkers(
    subgraphEntry('learning', 4002, [
      { typename: 'Class', sample: 'select class_id as id from learning.lessons limit 1' },
      { typename: 'Subject', sample: 'select subject_id as id from learning.lessons limit 1' },
      { typename: 'Lesson', sample: 'select id from learning.lessons limit 1' },
      { typename: 'SchoolYear', sample: 'select id from learning.school_years limit 1' },
    ]),
    // The «Моя школа» data mart: cuts batches from the change log and delivers them (src/mart-worker.ts), and the
    // journal notices (marks, absences, homework) for people's notifications (src/worker.ts).
    [
      { name: 'mart', main: 'src/mart-worker.ts', port: 4016 },
      { name: 'people-outbox', main: 'src/worker.ts', port: 4018 },
    ],
  ),
  withWorkers(
    subgraphEntry('admissions', 4003, [
      {
        typename: 'Application',
        // The demo region has no applications: the suite files one as ЕПГУ would.
        sample: `insert into admissions.applications (kind, year, child_last_name, child_first_name, child_birth_date,
            applicant_id, source, registered_at, category, epgu_number)
          values ('FIRST_GRADE', 2027, 'Тестов', 'Тест', '2020-01-01', uuidv7(), 'EPGU', now(), 'OTHER', 'contract-1')
          returning id`,
      },
    ]),
    // The outbox: ЕПГУ status changes and decided enrolments (subgraphs/admissions/src/worker.ts).
    [{ name: 'outbox', main: 'src/worker.ts', port: 4013 }],
  ),
  withWorkers(
    subgraphEntry('extra-education', 4004, [
      {
        typename: 'Programme',
        sample: `select id from extra_education.programmes where status = 'PUBLISHED' order by id limit 1`,
      },
      {
        typename: 'ProgrammeGroup',
        sample: `select g.id from extra_education.groups g join extra_education.programmes p on p.id = g.programme_id
          where p.status = 'PUBLISHED' order by g.id limit 1`,
      },
      {
        typename: 'ExtraApplication',
        // The suite files an application (and, below, an enrolled one with its contract) to a demo group.
        sample: `insert into extra_education.applications (group_id, organization_id, child_id, source)
          select g.id, p.organization_id, uuidv7(), 'CABINET' from extra_education.groups g
          join extra_education.programmes p on p.id = g.programme_id where p.status = 'PUBLISHED'
          order by g.id limit 1 returning id`,
      },
      {
        typename: 'ExtraContract',
        sample: `with a as (insert into extra_education.applications (group_id, organization_id, child_id, source, status)
            select g.id, p.organization_id, uuidv7(), 'IN_PERSON', 'ENROLLED' from extra_education.groups g
            join extra_education.programmes p on p.id = g.programme_id where p.status = 'PUBLISHED'
            order by g.id limit 1 returning id, group_id, organization_id, child_id)
          insert into extra_education.contracts (application_id, group_id, organization_id, child_id, payment_method,
            price_per_month, concluded_on)
          select id, group_id, organization_id, child_id, 'BUDGET', 0, current_date from a returning id`,
      },
      // A certificate and a funding period: the demo's own if it has one, else one filed here (the CTE's
      // insert is invisible to its own select, so exactly one id comes back).
      {
        typename: 'Certificate',
        sample: `with filed as (
            insert into extra_education.certificates (person_id, code, issued_on, source, municipality_id)
            select e.person_id, '1000000001', '2026-11-01', 'CABINET', o.municipality_id
            from people.enrolments e join people.organizations o on o.id = e.organization_id
            where e.ended_on is null and not exists (select 1 from extra_education.certificates)
            limit 1 returning id)
          select id from filed union all select id from extra_education.certificates limit 1`,
      },
      {
        typename: 'FundingPeriod',
        sample: `with filed as (
            insert into extra_education.funding_periods (starts_on, ends_on, norm_per_certificate)
            select '2026-09-01', '2027-08-31', 12000 where not exists (select 1 from extra_education.funding_periods)
            returning id)
          select id from filed union all select id from extra_education.funding_periods limit 1`,
      },
      { typename: 'Person', sample: 'select person_id as id from people.enrolments where ended_on is null limit 1' },
    ]),
    // The outbox: enrolments and expulsions for people's movement book (subgraphs/extra-education/src/worker.ts).
    [{ name: 'outbox', main: 'src/worker.ts', port: 4014 }],
  ),
  // Issue 12: reports over the read contract (`analytics_contract` views); it originates no entity. Its role
  // `analytics_svc` owns schema `analytics` (saved reports, later) and reads the contract as `analytics_ro`.
  withWorkers(
    subgraphEntry('analytics', 4005, []),
    // The pre-aggregated facts' refresh (subgraphs/analytics/src/worker.ts).
    [{ name: 'facts', main: 'src/worker.ts', port: 4015 }],
  ),
] as const satisfies Registry;

/** The platform's own subgraphs (a throwaway one added in a test is a plain `string`). */
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** The entry of a named subgraph. */
export function registryEntry(name: string, registry: Registry = SUBGRAPHS): SubgraphEntry {
  const entry = registry.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`No subgraph "${name}" in the registry (schema/src/subgraphs.ts).`);
  return entry;
}

/** The whole SDL of one subgraph: the shared base, then each module's schema.graphql in name order. */
export function subgraphSdl(subgraph: string | SubgraphEntry): string {
  const entry = typeof subgraph === 'string' ? registryEntry(subgraph) : subgraph;
  const modulesDir = `${entry.dir}/src/modules`;
  const modules = readdirSync(modulesDir)
    .sort()
    .map((module) => `${modulesDir}/${module}/schema.graphql`)
    .filter((file) => existsSync(file));
  return [baseSdl(), ...modules.map((file) => readFileSync(file, 'utf8'))].join('\n');
}

export const SUPERGRAPH_PATH = `${ROOT}schema/supergraph.graphql`;
