/**
 * Pages over a plain list the API returns whole (a child's applications, control works): the list is
 * bounded on the server, and a page of it is what the person reads.
 */
import { useState } from 'react';

export function useListPage<T>(items: readonly T[], pageSize: number) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const current = Math.min(page, pages);
  return {
    items: items.slice((current - 1) * pageSize, current * pageSize),
    page: current,
    pages,
    total: items.length,
    pageSize,
    setPage,
  };
}

export function ListPager({
  state,
  label = 'Страницы списка',
}: {
  state: ReturnType<typeof useListPage<unknown>>;
  label?: string;
}) {
  if (state.pages <= 1) return null;
  const from = (state.page - 1) * state.pageSize + 1;
  const to = Math.min(state.total, state.page * state.pageSize);
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button"
        onClick={() => state.setPage(state.page - 1)}
        disabled={state.page === 1}
      >
        ← Назад
      </button>
      <span aria-live="polite">
        {from}–{to} из {state.total} · стр. {state.page} из {state.pages}
      </span>
      <button
        type="button"
        className="button"
        onClick={() => state.setPage(state.page + 1)}
        disabled={state.page === state.pages}
      >
        Далее →
      </button>
    </nav>
  );
}
