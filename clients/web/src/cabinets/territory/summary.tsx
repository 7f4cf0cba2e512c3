/** «Сводка»: the territory at a glance — completeness by municipality, what is missing most, who has not opened. */
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { DataState, Page, Section } from '../../ui/kit.tsx';
import { MANDATORY_FIELDS } from './labels.ts';
import {
  SUMMARY,
  type CompletenessWithGaps,
  type MunicipalityFigures,
  type Opening,
  type SummaryData,
} from './queries/organizations.ts';
import { formatCount, formatPercent, share } from './rules.ts';
import { useTerritoryScope } from './scope.ts';
import { paths } from './paths.ts';
import { CompletenessCell, Lead, SlicePager, useSlice } from './ui.tsx';

type Municipality = MunicipalityFigures;

function total(rows: readonly Municipality[]): CompletenessWithGaps {
  const figures = rows.flatMap((row) => (row.dataCompleteness ? [row.dataCompleteness] : []));
  const sum = (pick: (figures: CompletenessWithGaps) => number) => figures.reduce((n, f) => n + pick(f), 0);
  const gaps = new Map<
    string,
    { field: CompletenessWithGaps['gaps'][number]['field']; students: number; staff: number }
  >();
  for (const gap of figures.flatMap((f) => f.gaps)) {
    const entry = gaps.get(gap.field) ?? { field: gap.field, students: 0, staff: 0 };
    entry.students += gap.students;
    entry.staff += gap.staff;
    gaps.set(gap.field, entry);
  }
  const students = sum((f) => f.students);
  const staff = sum((f) => f.staff);
  const studentsWithGaps = sum((f) => f.studentsWithGaps);
  const staffWithGaps = sum((f) => f.staffWithGaps);
  return {
    students,
    studentsWithGaps,
    studentsCompletePercent: share(students - studentsWithGaps, students),
    staff,
    staffWithGaps,
    staffCompletePercent: share(staff - staffWithGaps, staff),
    gaps: [...gaps.values()].sort((a, b) => b.students + b.staff - (a.students + a.staff)),
  };
}

export function visibleMunicipalities(data: SummaryData): Municipality[] {
  if (data.municipalities) return data.municipalities;
  const own = new Map<string, Municipality>();
  for (const grant of data.me?.grants ?? []) {
    if (grant.role === 'MUNICIPAL_COORDINATOR' && grant.municipality)
      own.set(grant.municipality.id, grant.municipality);
  }
  return [...own.values()];
}

function Stats({ figures, notOpened, overdue }: { figures: CompletenessWithGaps; notOpened: number; overdue: number }) {
  return (
    <div className="stats">
      <div className="stat">
        <div className="stat-value">{formatPercent(figures.studentsCompletePercent)}</div>
        <div className="stat-label">
          карточек обучающихся заполнены полностью ({formatCount(figures.studentsWithGaps)} из{' '}
          {formatCount(figures.students)} с пропусками)
        </div>
      </div>
      <div className="stat">
        <div className="stat-value">{formatPercent(figures.staffCompletePercent)}</div>
        <div className="stat-label">
          карточек сотрудников заполнены полностью ({formatCount(figures.staffWithGaps)} из {formatCount(figures.staff)}{' '}
          с пропусками)
        </div>
      </div>
      <div className="stat">
        <div className={`stat-value${overdue ? ' t-overdue' : ''}`}>{notOpened}</div>
        <div className="stat-label">
          не открыли учебный год{overdue ? `, у ${overdue} срок прошёл` : ''} — <Link to={paths.notOpened}>список</Link>
        </div>
      </div>
    </div>
  );
}

function MunicipalitiesTable({ rows, openings }: { rows: Municipality[]; openings: Opening[] }) {
  const slice = useSlice(rows);
  const notOpenedIn = (id: string) => openings.filter((row) => row.organization.municipality.id === id).length;
  return (
    <Section title="Заполненность карточек по муниципалитетам">
      <div className="table-wrap">
        <table className="table t-table t-stack">
          <thead>
            <tr>
              <th scope="col">Муниципалитет</th>
              <th scope="col">Карточки обучающихся заполнены</th>
              <th scope="col">Карточки сотрудников заполнены</th>
              <th scope="col" className="num">
                Не открыли учебный год
              </th>
            </tr>
          </thead>
          <tbody>
            {slice.items.map((municipality) => (
              <tr key={municipality.id}>
                <th scope="row">
                  <Link to={`${paths.organizations}?municipality=${municipality.id}`}>{municipality.name}</Link>
                </th>
                <td data-label="Обучающиеся">
                  <CompletenessCell figures={municipality.dataCompleteness} />
                </td>
                <td data-label="Сотрудники">
                  <CompletenessCell figures={municipality.dataCompleteness} of="staff" />
                </td>
                <td className="num" data-label="Не открыли год">
                  {notOpenedIn(municipality.id)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SlicePager slice={slice} />
    </Section>
  );
}

function TopGaps({ gaps }: { gaps: CompletenessWithGaps['gaps'] }) {
  return (
    <Section title="Чаще всего не заполнено">
      {gaps.length === 0 ? (
        <p className="empty">Все обязательные поля заполнены.</p>
      ) : (
        <div className="table-wrap">
          <table className="table t-table t-narrow">
            <caption className="visually-hidden">Незаполненные обязательные поля: сколько карточек</caption>
            <thead>
              <tr>
                <th scope="col">Обязательное поле</th>
                <th scope="col" className="num">
                  Карточек обучающихся
                </th>
                <th scope="col" className="num">
                  Карточек сотрудников
                </th>
              </tr>
            </thead>
            <tbody>
              {gaps.slice(0, 8).map((gap) => (
                <tr key={gap.field}>
                  <th scope="row">{MANDATORY_FIELDS[gap.field]}</th>
                  <td className="num">{gap.students ? formatCount(gap.students) : '—'}</td>
                  <td className="num">{gap.staff ? formatCount(gap.staff) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/**
 * The not-opened rows the summary reads to split them per municipality: one bounded page (issue 13 §4); the
 * total comes from `totalCount`. Learning knows no organization → municipality map, so a per-municipality
 * count cannot be set-based there.
 */
const NOT_OPENED_SAMPLE = 200;

export function SummaryPage() {
  const scope = useTerritoryScope();
  // Not cached: the figures are computed per request and must be current when a coordinator looks.
  const { data, loading, error, refetch } = useData(SUMMARY, {
    variables: { regional: scope.regional, notOpenedFirst: NOT_OPENED_SAMPLE },
    fetchPolicy: 'no-cache',
  });
  return (
    <Page title="Сводка">
      <Lead>
        {scope.title}
        {scope.aggregatesOnly ? '. Только сводные показатели, без персональных данных.' : '.'}
      </Lead>
      <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {(loaded) => {
          const municipalities = visibleMunicipalities(loaded);
          const figures = total(municipalities);
          const notOpened = loaded.organizationsNotOpened;
          const openings = notOpened.edges.map((edge) => edge.node);
          return (
            <>
              <Stats
                figures={figures}
                notOpened={notOpened.totalCount}
                overdue={openings.filter((row) => row.organization.schoolYearOpening.overdue).length}
              />
              <MunicipalitiesTable rows={municipalities} openings={openings} />
              {notOpened.pageInfo.hasNextPage && (
                <p className="muted">
                  Просрочка и разбивка по муниципалитетам посчитаны по первым {openings.length} организациям, не
                  открывшим учебный год; полный список — на странице «Не открыли учебный год».
                </p>
              )}
              <TopGaps gaps={figures.gaps} />
            </>
          );
        }}
      </DataState>
    </Page>
  );
}
