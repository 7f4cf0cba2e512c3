import { useEffect, useState } from 'react';
import { useData } from '../../api/hooks.ts';
import { DIARY_QUERY } from './queries.ts';
import { useWeek, type WeekRange } from './week.tsx';

/** A week of a student's diary, and the navigation between weeks (shared by the diary and the schedule). */
export function useDiaryWeek(personId: string) {
  const week = useWeek();
  const result = useData(DIARY_QUERY, {
    variables: { personId, from: week.requested?.from ?? null, to: week.requested?.to ?? null },
  });
  const diary = result.data?.person?.diary ?? null;
  const shown: WeekRange | null = week.requested ?? (diary ? { from: diary.from, to: diary.to } : null);
  // «Сегодня»: back to the server's current week, then to today's day in it (the diary marks it by id).
  const [toToday, setToToday] = useState(false);
  const currentShown = week.requested === null && diary !== null;
  useEffect(() => {
    if (!toToday || !currentShown) return;
    document.getElementById('diary-today')?.scrollIntoView({ block: 'start' });
    setToToday(false);
  }, [toToday, currentShown]);
  return {
    ...result,
    shown,
    nav: {
      shown,
      busy: result.loading && !result.data,
      onPrevious: () => shown && week.previous(shown),
      onNext: () => shown && week.next(shown),
      onToday: () => {
        week.current();
        setToToday(true);
      },
    },
  };
}
