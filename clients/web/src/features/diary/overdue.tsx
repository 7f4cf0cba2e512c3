/** Mandatory homework past its due date and not handed in (rule 11), as the server counts it today. */
import { useId, useState } from 'react';
import { useData } from '../../api/hooks.ts';
import { formatDate } from '../../ui/format.ts';
import { DataState, Section } from '../../ui/kit.tsx';
import { ListPager, useListPage } from '../common/list-pager.tsx';
import { OVERDUE_QUERY, type OverdueData } from './queries.ts';

type Overdue = NonNullable<NonNullable<OverdueData['person']>['overdueHomework']>;

function OverdueList({ items }: { items: Overdue }) {
  const page = useListPage(items, 3);
  return (
    <>
      <ul className="overdue-list">
        {page.items.map((lesson) => (
          <li key={lesson.id}>
            <div>
              <strong>{lesson.subject.name}</strong>
              <span className="muted"> · задано {formatDate(lesson.date)}</span>
            </div>
            <div>{lesson.homework?.text ?? '—'}</div>
            {lesson.homework?.dueOn && <div className="overdue-due">Срок был {formatDate(lesson.homework.dueOn)}</div>}
          </li>
        ))}
      </ul>
      <ListPager state={page} label="Страницы просроченных заданий" />
    </>
  );
}

export function useOverdue(personId: string) {
  return useData(OVERDUE_QUERY, { variables: { personId } });
}

/** On a phone the list starts folded: the count in the heading, the week of the diary on the first screen. */
const PHONE = '(max-width: 760px)';

export function OverdueHomework({ personId }: { personId: string }) {
  const { data, loading, error, refetch } = useOverdue(personId);
  const items = data?.person?.overdueHomework ?? null;
  const title = items && items.length > 0 ? `Просроченные задания: ${items.length}` : 'Просроченные задания';
  const [open, setOpen] = useState(() => !window.matchMedia(PHONE).matches);
  const listId = useId();
  const foldable = !!items && items.length > 0;
  return (
    <Section
      title={title}
      actions={
        foldable && (
          <button
            type="button"
            className="button button-small button-ghost"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((value) => !value)}
          >
            {open ? 'Свернуть' : 'Показать'}
          </button>
        )
      }
    >
      <div id={listId} hidden={foldable && !open}>
        <DataState
          loading={loading}
          error={error}
          data={data ? items : undefined}
          onRetry={() => void refetch()}
          isEmpty={(list) => list.length === 0}
          empty="Просроченных обязательных заданий нет."
        >
          {(list) => <OverdueList items={list} />}
        </DataState>
      </div>
    </Section>
  );
}
