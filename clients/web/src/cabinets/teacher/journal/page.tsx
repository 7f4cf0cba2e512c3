/**
 * `/teacher/journal/:classId/:subjectId`: the class journal for a subject — period and dates, how marks are
 * entered, the grid, and the lesson editor (`?lesson=<id>`). A class the teacher may not open answers
 * `null` (another school) or FORBIDDEN (another subject): both show «Нет доступа».
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { describeError } from '../../../ui/errors.ts';
import { formatDate } from '../../../ui/format.ts';
import { Empty, ErrorNotice, Loading, Notice, Page } from '../../../ui/kit.tsx';
import { NoAccess } from '../no-access.tsx';
import {
  JOURNAL_QUERY,
  PERIODS_QUERY,
  ROSTER_QUERY,
  type GridStudent,
  type JournalVars,
  type MarkKind,
} from './operations.ts';
import { JournalGrid, type EntrySettings } from './grid.tsx';
import { YearMarks } from './year-marks.tsx';
import { KeyboardHelp } from './help.tsx';
import { LessonEditor } from './lesson-editor.tsx';
import { WEIGHTS } from './lesson-form.ts';
import { cellsOf, monthsOf } from './model.ts';

export function JournalPage() {
  const { classId = '', subjectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const variables = useMemo(() => {
    const vars: JournalVars = { classId, subjectId };
    for (const key of ['period', 'from', 'to'] as const) {
      const value = params.get(key);
      if (value) vars[key === 'period' ? 'periodId' : key] = value;
    }
    return vars;
  }, [classId, subjectId, params]);
  const { data, loading, error, refetch } = useData(JOURNAL_QUERY, { variables });
  const roster = useData(ROSTER_QUERY, { variables: { classId } });
  const school = data?.class;
  const periods = useData(PERIODS_QUERY, {
    variables: { organizationId: school?.organization.id ?? '', schoolYear: school?.schoolYear ?? 0 },
    skip: !school,
  });
  const [entry, setEntry] = useState<EntrySettings>({ kind: 'CURRENT', weight: 1, advance: true });
  const [saved, setSaved] = useState<string | null>(null);
  const lessonId = params.get('lesson');
  const lessonDate = params.get('date');
  const journal = school?.journal;

  // Opened from the schedule for a lesson of another period: switch to the period that holds its date.
  useEffect(() => {
    if (!journal || !lessonId || !lessonDate || journal.lessons.some((lesson) => lesson.id === lessonId)) return;
    const period = periods.data?.studyPeriods.find((p) => p.startsOn <= lessonDate && lessonDate <= p.endsOn);
    if (period && period.id !== journal.period?.id)
      setParams({ period: period.id, lesson: lessonId }, { replace: true });
  }, [journal, lessonId, lessonDate, periods.data, setParams]);

  const update = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };

  if (!data) {
    if (loading)
      return (
        <Page title="Журнал">
          <Loading />
        </Page>
      );
    if (error)
      return (
        <Page title="Журнал">
          <ErrorNotice error={error} onRetry={() => void refetch()} />
        </Page>
      );
  }
  if (!school || !journal) {
    const refusal = error ? describeError(error) : null;
    return <NoAccess message={refusal?.code === 'FORBIDDEN' ? refusal.message : undefined} />;
  }

  if (!roster.data && roster.loading)
    return (
      <Page title="Журнал">
        <Loading />
      </Page>
    );
  const students = classList(journal.students, roster.data?.class?.students ?? []);
  const editing = lessonId ? journal.lessons.find((lesson) => lesson.id === lessonId) : undefined;
  const period = journal.period;
  const months = period ? monthsOf(period.startsOn, period.endsOn) : [];
  const monthIndex = months.findIndex((m) => m.from === journal.from && m.to === journal.to);

  return (
    <Page
      title={`Журнал: ${school.name}, ${journal.subject.name}`}
      actions={
        <Link to="/teacher/classes" className="button link-button">
          ← Мои классы
        </Link>
      }
    >
      <p className="muted journal-subtitle">
        {school.organization.shortName} · {period ? `${period.name}, ` : ''}
        {formatDate(journal.from)} – {formatDate(journal.to)} · {students.length} обуч. · {journal.lessons.length} ур.
      </p>
      <JournalFilters
        periods={periods.data?.studyPeriods ?? (period ? [period] : [])}
        periodId={period?.id ?? ''}
        months={months}
        monthIndex={monthIndex}
        entry={entry}
        onPeriod={(id) => update({ period: id, from: null, to: null, lesson: null, date: null })}
        onMonth={(index) => {
          const month = months[index];
          update({ period: period?.id ?? null, from: month?.from ?? null, to: month?.to ?? null });
        }}
        onEntry={setEntry}
      />
      {error ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {period?.closed && (
        <Notice tone="warning">
          {period.name} закрыт
          {journal.editable ? '.' : ': журнал открыт для просмотра, исправления вносит администрация школы.'}
        </Notice>
      )}
      {!period?.closed && !journal.editable && <Notice tone="warning">Журнал открыт только для просмотра.</Notice>}
      {saved && <Notice tone="success">{saved}</Notice>}
      {lessonId && !editing && !loading && <Notice tone="warning">Урок не найден в показанных датах журнала.</Notice>}
      <KeyboardHelp />
      {students.length === 0 ? (
        <Empty>В классе в эти даты нет обучающихся.</Empty>
      ) : journal.lessons.length === 0 ? (
        <Empty>В выбранные даты уроков по предмету нет.</Empty>
      ) : (
        <JournalGrid
          key={`${journal.from}|${journal.to}`}
          className={school.name}
          students={students}
          journal={journal}
          variables={variables}
          entry={entry}
          onOpenLesson={(id) => {
            setSaved(null);
            update({ lesson: id });
          }}
        />
      )}
      {students.length > 0 && <YearMarks classId={school.id} subjectId={journal.subject.id} students={students} />}
      {editing && (
        <LessonEditor
          key={editing.id}
          className={school.name}
          lesson={editing}
          students={students}
          cells={cellsOf(journal)}
          journal={journal}
          variables={variables}
          onClose={() => update({ lesson: null, date: null })}
          onSaved={(message) => {
            setSaved(message);
            update({ lesson: null, date: null });
          }}
        />
      )}
    </Page>
  );
}

/** Current students by name, then those who have left the class (their marks stay in the journal). */
function classList(
  ids: readonly { id: string; fullName: string }[],
  named: readonly { id: string; fullName: string }[],
): GridStudent[] {
  const names = new Map(named.map((student) => [student.id, student.fullName]));
  const current = ids
    .filter((student) => names.has(student.id))
    .map((student) => ({ id: student.id, fullName: names.get(student.id)!, former: false }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
  const former = ids
    .filter((student) => !names.has(student.id))
    .map((student) => ({ id: student.id, fullName: student.fullName, former: true }));
  return [...current, ...former];
}

function JournalFilters({
  periods,
  periodId,
  months,
  monthIndex,
  entry,
  onPeriod,
  onMonth,
  onEntry,
}: {
  periods: { id: string; name: string; closed: boolean }[];
  periodId: string;
  months: { label: string }[];
  monthIndex: number;
  entry: EntrySettings;
  onPeriod: (id: string) => void;
  onMonth: (index: number) => void;
  onEntry: (entry: EntrySettings) => void;
}) {
  const id = useId();
  return (
    <div className="filters journal-filters">
      <div className="field">
        <label htmlFor={`${id}-period`}>Учебный период</label>
        <select id={`${id}-period`} value={periodId} onChange={(event) => onPeriod(event.target.value)}>
          {periodId === '' && <option value="">Выбранные даты</option>}
          {periods.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.closed ? ' (закрыт)' : ''}
            </option>
          ))}
        </select>
      </div>
      {months.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-dates`}>Даты</label>
          <div className="journal-range">
            <button
              type="button"
              className="button"
              aria-label="Предыдущий месяц"
              disabled={monthIndex === 0}
              onClick={() => onMonth(monthIndex < 0 ? months.length - 1 : monthIndex - 1)}
            >
              ‹
            </button>
            <select id={`${id}-dates`} value={monthIndex} onChange={(event) => onMonth(Number(event.target.value))}>
              <option value={-1}>Весь период</option>
              {months.map((month, index) => (
                <option key={month.label} value={index}>
                  {month.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              aria-label="Следующий месяц"
              disabled={monthIndex === months.length - 1}
              onClick={() => onMonth(monthIndex < 0 ? 0 : monthIndex + 1)}
            >
              ›
            </button>
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-kind`}>Вид отметки при вводе</label>
        <select
          id={`${id}-kind`}
          value={entry.kind}
          onChange={(event) => {
            const kind = event.target.value as MarkKind;
            onEntry({ ...entry, kind, weight: kind === 'CONTROL' ? Math.max(entry.weight, 2) : 1 });
          }}
        >
          <option value="CURRENT">Текущая</option>
          <option value="CONTROL">Контрольная</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-weight`}>Вес</label>
        <select
          id={`${id}-weight`}
          value={entry.weight}
          onChange={(event) => onEntry({ ...entry, weight: Number(event.target.value) })}
        >
          {WEIGHTS.map((w) => (
            <option key={w} value={w}>
              {String(w).replace('.', ',')}
            </option>
          ))}
        </select>
      </div>
      <label className="checkbox journal-advance">
        <input
          type="checkbox"
          checked={entry.advance}
          onChange={(event) => onEntry({ ...entry, advance: event.target.checked })}
        />
        После ввода — к следующему ученику
      </label>
    </div>
  );
}
