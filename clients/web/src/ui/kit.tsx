/** The small set of building blocks every cabinet page uses, so pages look and behave the same. */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { describeError, isNotFound } from './errors.ts';

export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} — Образование региона`;
  }, [title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <header className="card-header">
        <h2 id={id}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Loading({ label = 'Загрузка…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { message } = describeError(error);
  return (
    <div className="notice notice-error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Повторить
        </button>
      )}
    </div>
  );
}

/**
 * Loading, error and empty states around a query's data. With errorPolicy `all`, data and a partial error
 * (a field the role may not read) can come together: the data is shown, the error above it.
 */
export function DataState<T>({
  loading,
  error,
  data,
  onRetry,
  empty,
  isEmpty,
  children,
}: {
  loading: boolean;
  error: unknown;
  data: T | undefined | null;
  onRetry?: () => void;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  // A record outside the person's access answers as a missing one: the page's empty state says both.
  const shown = isNotFound(error) ? undefined : error;
  if (data === undefined || data === null) {
    if (loading) return <Loading />;
    if (shown) return <ErrorNotice error={shown} onRetry={onRetry} />;
    return <Empty>{empty ?? 'Нет данных.'}</Empty>;
  }
  return (
    <>
      {shown ? <ErrorNotice error={shown} onRetry={onRetry} /> : null}
      {isEmpty?.(data) ? <Empty>{empty ?? 'Нет данных.'}</Empty> : children(data)}
    </>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

export function Notice({ tone = 'info', children }: { tone?: NoticeTone; children: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** A labelled form control; `children` receives the id and aria attributes to put on the input. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | NoticeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** Keyset pagination over a Relay connection: a stack of cursors gives «Назад» without refetching all pages. */
export function usePager(pageSize = 25) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  return {
    first: pageSize,
    after,
    page: cursors.length,
    next: (endCursor: string | null | undefined) => endCursor && setCursors((stack) => [...stack, endCursor]),
    previous: () => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)),
    reset: () => setCursors([null]),
  };
}

export type Pager = ReturnType<typeof usePager>;

export function PagerControls({
  pager,
  pageInfo,
  totalCount,
  shown,
}: {
  pager: Pager;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  totalCount?: number | null;
  shown?: number;
}) {
  const from = (pager.page - 1) * pager.first + 1;
  const to = from + (shown ?? pager.first) - 1;
  return (
    <nav className="pager" aria-label="Страницы списка">
      <button type="button" className="button" onClick={pager.previous} disabled={pager.page === 1}>
        ← Назад
      </button>
      <span aria-live="polite">
        {shown === 0 ? 'Нет записей' : `${from}–${to}`}
        {typeof totalCount === 'number' ? ` из ${totalCount}` : ''} · стр. {pager.page}
      </span>
      <button
        type="button"
        className="button"
        onClick={() => pager.next(pageInfo?.endCursor)}
        disabled={!pageInfo?.hasNextPage}
      >
        Далее →
      </button>
    </nav>
  );
}

/**
 * Pairs of bars (e.g. the child's average next to the class average) drawn with plain elements: readable by
 * a screen reader as a table, and no charting library for one kind of chart.
 */
export function ComparisonChart({
  caption,
  rows,
  max,
  labels,
  format = (value) => String(value),
}: {
  caption: string;
  rows: { label: string; value: number | null; reference: number | null }[];
  max: number;
  labels: [string, string];
  format?: (value: number | null) => string;
}) {
  const width = (value: number | null) => `${value === null ? 0 : Math.max(0, Math.min(100, (value / max) * 100))}%`;
  return (
    <figure className="chart">
      <figcaption>
        {caption}
        <span className="legend">
          <span className="legend-swatch swatch-value" aria-hidden="true" /> {labels[0]}
          <span className="legend-swatch swatch-reference" aria-hidden="true" /> {labels[1]}
        </span>
      </figcaption>
      <table className="chart-table">
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Предмет</th>
            <th scope="col">
              {labels[0]} / {labels[1]}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>
                <div className="bars">
                  <span className="bar bar-value" style={{ width: width(row.value) }} />
                  <span className="bar-label">{format(row.value)}</span>
                </div>
                <div className="bars">
                  <span className="bar bar-reference" style={{ width: width(row.reference) }} />
                  <span className="bar-label muted">{format(row.reference)}</span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/**
 * A table's horizontal scroll box that says when it scrolls: at 1280 px the widest tables (the movement book,
 * the region's organizations) ran past the edge with nothing to tell that a column was hidden (issue 15 §3.4).
 * While the table is wider than its box, a hint stands above it and the box takes focus for the keyboard.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setOverflow(box.scrollWidth > box.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div className="table-scroll-box">
      {overflow && (
        <p className="scroll-hint" aria-hidden="true">
          Таблица шире экрана — прокрутите её вбок →
        </p>
      )}
      <div
        ref={ref}
        className="table-wrap"
        tabIndex={overflow ? 0 : undefined}
        role={overflow ? 'region' : undefined}
        aria-label={overflow ? `${label} (прокручивается вбок)` : undefined}
      >
        {children}
      </div>
    </div>
  );
}
