/**
 * Which week the diary and the schedule show: `?week=` is absent for the server's current week, or the
 * Monday of another week. Neighbouring weeks are computed from the range the server answered with, so the
 * browser's own clock never decides what "this week" is.
 */
import { useSearchParams } from 'react-router';
import { addDays } from '../../ui/format.ts';

const PARAM = 'week';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface WeekRange {
  from: string;
  to: string;
}

export function useWeek() {
  const [params, setParams] = useSearchParams();
  const raw = params.get(PARAM);
  const requested: WeekRange | null = raw && ISO_DATE.test(raw) ? { from: raw, to: addDays(raw, 6) } : null;
  const go = (from: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (from) next.set(PARAM, from);
        else next.delete(PARAM);
        return next;
      },
      { preventScrollReset: true },
    );
  return {
    /** null: the server's current week. */
    requested,
    previous: (shown: WeekRange) => go(addDays(shown.from, -7)),
    next: (shown: WeekRange) => go(addDays(shown.to, 1)),
    current: () => go(null),
  };
}

const RANGE_DAY = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const RANGE_YEAR = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `23 – 29 ноября 2026 г.` */
export function formatWeek(range: WeekRange): string {
  const from = new Date(`${range.from}T00:00:00Z`);
  const to = new Date(`${range.to}T00:00:00Z`);
  const sameMonth = from.getUTCMonth() === to.getUTCMonth() && from.getUTCFullYear() === to.getUTCFullYear();
  const start = sameMonth ? String(from.getUTCDate()) : RANGE_DAY.format(from);
  return `${start} – ${RANGE_YEAR.format(to)}`;
}

export function WeekNav({
  shown,
  onPrevious,
  onNext,
  onToday,
  busy,
}: {
  shown: WeekRange | null;
  onPrevious: () => void;
  onNext: () => void;
  onToday: () => void;
  busy: boolean;
}) {
  return (
    <nav className="week-nav" aria-label="Выбор недели">
      <button
        type="button"
        className="button"
        onClick={onPrevious}
        disabled={!shown || busy}
        aria-label="Предыдущая неделя"
      >
        ←{' '}
        <span className="week-nav-long" aria-hidden="true">
          Предыдущая неделя
        </span>
      </button>
      <strong className="week-nav-range" aria-live="polite">
        {shown ? formatWeek(shown) : 'Текущая неделя'}
      </strong>
      <button type="button" className="button" onClick={onNext} disabled={!shown || busy} aria-label="Следующая неделя">
        <span className="week-nav-long" aria-hidden="true">
          Следующая неделя
        </span>{' '}
        →
      </button>
      <button type="button" className="button button-ghost" onClick={onToday}>
        Сегодня
      </button>
    </nav>
  );
}
