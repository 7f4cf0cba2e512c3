/** Pieces the coordinator's pages share: bars, completeness and school-year cells, a pager for plain lists. */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Badge } from '../../ui/kit.tsx';
import { formatDate } from '../../ui/format.ts';
import { useData } from '../../api/hooks.ts';
import { SCHOOL_YEAR_STATUSES, type SchoolYearStatus } from './labels.ts';
import { MUNICIPALITIES, type Completeness } from './queries/organizations.ts';
import { completenessTone, formatCount, formatPercent } from './rules.ts';
import type { TerritoryScope } from './scope.ts';

/** A single horizontal bar; the number is always printed next to it, the bar only illustrates. */
export function Meter({ value, tone = 'info' }: { value: number | null; tone?: string }) {
  const width = value === null ? 0 : Math.max(0, Math.min(100, value));
  return (
    <span className="t-meter" aria-hidden="true">
      <span className={`t-meter-fill t-tone-${tone}`} style={{ width: `${width}%` }} />
    </span>
  );
}

/** Share of complete cards, with how many have gaps: the «Контроль заполнения данных» figure. */
export function CompletenessCell({
  figures,
  of = 'students',
}: {
  figures: Completeness | null;
  of?: 'students' | 'staff';
}) {
  if (!figures) return <span className="muted">нет доступа</span>;
  const [cards, withGaps, percent] =
    of === 'students'
      ? [figures.students, figures.studentsWithGaps, figures.studentsCompletePercent]
      : [figures.staff, figures.staffWithGaps, figures.staffCompletePercent];
  if (cards === 0) return <span className="muted">{of === 'students' ? 'нет обучающихся' : 'нет сотрудников'}</span>;
  return (
    <div className="t-completeness">
      <span className="t-figure">
        <strong>{formatPercent(percent)}</strong>
        <Meter value={percent} tone={completenessTone(percent)} />
      </span>
      <small className="muted">
        {withGaps === 0 ? 'все карточки заполнены' : `${formatCount(withGaps)} из ${formatCount(cards)} с пропусками`}
      </small>
    </div>
  );
}

const STATUS_TONES: Record<SchoolYearStatus, 'success' | 'warning' | 'error' | 'neutral'> = {
  OPEN: 'success',
  CLOSED: 'neutral',
  DRAFT: 'warning',
  NOT_CREATED: 'error',
};

/** School-year status; for one not opened yet, the rule-13 deadline and whether it has passed. */
/** The opening term (rule 13) shown only while the year is not opened, as on the not-opened list. */
export function SchoolYearCell({
  status,
  opening,
}: {
  status: SchoolYearStatus;
  opening: { deadline: string; overdue: boolean } | undefined;
}) {
  const term = status === 'NOT_CREATED' || status === 'DRAFT' ? opening : undefined;
  return (
    <div className="t-status">
      <Badge tone={STATUS_TONES[status]}>{SCHOOL_YEAR_STATUSES[status]}</Badge>
      {term && (
        <small className={term.overdue ? 't-overdue' : 'muted'}>
          {term.overdue ? 'срок прошёл ' : 'срок '}
          {formatDate(term.deadline)}
        </small>
      )}
    </div>
  );
}

/** Page through a plain list already in memory (a territory's rows), 25 at a time. */
export function useSlice<T>(items: readonly T[], pageSize = 25) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  useEffect(() => {
    if (page > pages) setPage(pages);
  }, [page, pages]);
  const current = Math.min(page, pages);
  return {
    items: items.slice((current - 1) * pageSize, current * pageSize),
    page: current,
    pages,
    from: items.length === 0 ? 0 : (current - 1) * pageSize + 1,
    to: Math.min(current * pageSize, items.length),
    total: items.length,
    setPage,
  };
}

export function SlicePager({ slice }: { slice: ReturnType<typeof useSlice> }) {
  if (slice.pages < 2) return null;
  return (
    <nav className="pager" aria-label="Страницы списка">
      <button
        type="button"
        className="button"
        onClick={() => slice.setPage(slice.page - 1)}
        disabled={slice.page === 1}
      >
        ← Назад
      </button>
      <span aria-live="polite">
        {slice.from}–{slice.to} из {slice.total} · стр. {slice.page} из {slice.pages}
      </span>
      <button
        type="button"
        className="button"
        onClick={() => slice.setPage(slice.page + 1)}
        disabled={slice.page === slice.pages}
      >
        Далее →
      </button>
    </nav>
  );
}

/**
 * The municipality filter: every municipality (or all of them) for the regional roles, a coordinator's own
 * when they hold several; nothing for a coordinator of one municipality (the page is theirs already).
 */
export function MunicipalitySelect({
  scope,
  value,
  onChange,
}: {
  scope: TerritoryScope;
  value: string;
  onChange: (id: string) => void;
}) {
  const id = useId();
  const { data } = useData(MUNICIPALITIES, { skip: !scope.regional });
  const options = scope.regional ? (data?.municipalities ?? []) : scope.municipalities;
  if (!scope.regional && scope.municipalities.length < 2) return null;
  return (
    <div className="field">
      <label htmlFor={id}>Муниципалитет</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {scope.regional && <option value="">Все муниципалитеты</option>}
        {options.map((municipality) => (
          <option key={municipality.id} value={municipality.id}>
            {municipality.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Counts with a share bar each: applications by source or by status. */
export function ShareBars({
  caption,
  rows,
  total,
}: {
  caption: string;
  rows: { key: string; label: string; count: number; tone?: string }[];
  total: number;
}) {
  return (
    <table className="t-bars">
      <caption>{caption}</caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Показатель</th>
          <th scope="col">Количество</th>
          <th scope="col">Доля</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const percent = total ? Math.round((row.count / total) * 1000) / 10 : null;
          return (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">{formatCount(row.count)}</td>
              <td>
                <span className="t-figure">
                  <Meter value={percent} tone={row.tone} />
                  <span className="muted">{formatPercent(percent)}</span>
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Lead({ children }: { children: ReactNode }) {
  return <p className="t-lead muted">{children}</p>;
}
