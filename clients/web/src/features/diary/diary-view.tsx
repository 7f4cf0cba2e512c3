/**
 * The diary of one student for a week — the same component in the student's and the guardian's cabinet.
 */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { formatAverage } from '../../ui/format.ts';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/kit.tsx';
import { weightedAverage } from '../common/marks.tsx';
import { DiaryDay } from './diary-day.tsx';
import { OverdueHomework, useOverdue } from './overdue.tsx';
import type { DiaryDayData } from './queries.ts';
import { useDiaryWeek } from './use-diary-week.ts';
import { WeekNav } from './week.tsx';
import './diary.css';

function WeekSummary({ days }: { days: DiaryDayData[] }) {
  const lessons = days.flatMap((day) => day.lessons);
  const marks = lessons.flatMap((item) => item.marks);
  const missed = lessons.filter((item) => item.attendance && item.attendance !== 'LATE').length;
  const late = lessons.filter((item) => item.attendance === 'LATE').length;
  const homework = lessons.filter((item) => item.lesson.homework).length;
  const stats = [
    { label: 'Уроков', value: String(lessons.length) },
    { label: 'Отметок', value: String(marks.length) },
    { label: 'Средний балл за неделю', value: formatAverage(weightedAverage(marks)) },
    { label: 'Пропусков', value: String(missed) },
    { label: 'Опозданий', value: String(late) },
    { label: 'Домашних заданий', value: String(homework) },
  ];
  return (
    <dl className="stats diary-stats">
      {stats.map((stat) => (
        <div className="stat" key={stat.label}>
          <dt className="stat-label">{stat.label}</dt>
          <dd className="stat-value">{stat.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The week opens compact — a line a lesson: subject, task, marks, attendance — with today marked; «Подробно»
 * adds topics, teachers, rooms and attachments. The choice stays in the address (`?view=full`).
 */
function useDetailed(): [boolean, () => void] {
  const [params, setParams] = useSearchParams();
  const detailed = params.get('view') === 'full';
  const toggle = () =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (detailed) next.delete('view');
        else next.set('view', 'full');
        return next;
      },
      { preventScrollReset: true, replace: true },
    );
  return [detailed, toggle];
}

export function DiaryView({ personId }: { personId: string }) {
  const week = useDiaryWeek(personId);
  const [detailed, toggleDetailed] = useDetailed();
  const overdue = useOverdue(personId);
  const overdueIds = useMemo(
    () => new Set((overdue.data?.person?.overdueHomework ?? []).map((lesson) => lesson.id)),
    [overdue.data],
  );
  const person = week.data?.person;
  const diary = person?.diary;
  let body;
  if (!week.data) {
    body = week.loading ? (
      <Loading label="Загрузка дневника…" />
    ) : (
      <ErrorNotice error={week.error} onRetry={() => void week.refetch()} />
    );
  } else if (!person) {
    body = (
      <Notice tone="warning">Дневник недоступен: обучающийся не найден или не связан с вашей учётной записью.</Notice>
    );
  } else if (!diary) {
    body = <Empty>За эти даты уроков нет: обучающийся не числится в классе в этот период.</Empty>;
  } else {
    body = (
      <>
        {week.error ? <ErrorNotice error={week.error} /> : null}
        <div className="diary-toolbar">
          <WeekSummary days={diary.days} />
          <button type="button" className="button button-small" aria-pressed={detailed} onClick={toggleDetailed}>
            Подробно: темы, учителя, кабинеты
          </button>
        </div>
        <div className="diary-days">
          {diary.days.map((day) => (
            <DiaryDay
              key={day.date}
              day={day}
              overdueIds={overdueIds}
              today={day.date === diary.today}
              compact={!detailed}
            />
          ))}
        </div>
      </>
    );
  }
  return (
    <div className="diary">
      {person !== null && <OverdueHomework personId={personId} />}
      <WeekNav {...week.nav} />
      {body}
    </div>
  );
}
