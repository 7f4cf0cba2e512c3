/** Forming the next school year (refused before 1 April with the rule shown) and opening a formed one. */
import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { formatDate, formatDayMonth } from '../../../ui/format.ts';
import { Field, Section } from '../../../ui/kit.tsx';
import { PERIOD_KIND_LABELS, type PeriodKind } from '../labels.ts';
import { PersonPicker } from '../movements/person-picker.tsx';
import type { Candidate } from '../movements/queries.ts';
import { useOrganization } from '../organization.tsx';
import { RefusalNotice } from '../refusal.tsx';
import { ConfirmDialog } from '../ui.tsx';
import { CREATE_NEXT, OPEN_YEAR, type SchoolYear, type SchoolYearForming } from './queries.ts';

export function OpenYear({ year, onOpened }: { year: SchoolYear; onOpened: (name: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [open, { loading, error }] = useMutation(OPEN_YEAR, { refetchQueries: ['SchoolYears', 'SchoolClasses'] });
  return (
    <Section title={`Учебный год ${year.name} сформирован`}>
      <p>
        Сформировано: {year.classes.length} классов, {year.periods.length} учебных периодов (
        {PERIOD_KIND_LABELS[year.periodKind].toLowerCase()}), с {formatDate(year.startsOn)} по {formatDate(year.endsOn)}
        . Школа должна открыть учебный год не позднее 6 сентября (организации дополнительного образования — 20
        сентября).
      </p>
      <button type="button" className="button button-primary" onClick={() => setConfirming(true)}>
        Открыть учебный год {year.name}
      </button>
      <ConfirmDialog
        open={confirming}
        title={`Открыть учебный год ${year.name}?`}
        confirmLabel="Открыть"
        busy={loading}
        error={error}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          void open({ variables: { id: year.id } })
            .then(() => {
              setConfirming(false);
              onOpened(year.name);
            })
            .catch(() => {})
        }
      >
        <p>
          После открытия учителя ведут журнал нового года, а регион видит, что школа открыла год. Проверьте классы и
          периоды до открытия.
        </p>
      </ConfirmDialog>
    </Section>
  );
}

export function FormNextYear({ forming, onFormed }: { forming: SchoolYearForming; onFormed: (name: string) => void }) {
  const organization = useOrganization();
  const closedId = useId();
  const [periodKind, setPeriodKind] = useState<PeriodKind>('QUARTER');
  const [repeaters, setRepeaters] = useState<Candidate[]>([]);
  const [create, { loading, error, reset }] = useMutation(CREATE_NEXT, {
    refetchQueries: ['SchoolYears', 'SchoolClasses'],
  });
  const submit = () => {
    reset();
    void create({
      variables: {
        input: { organizationId: organization.id, periodKind, repeaterIds: repeaters.map((person) => person.id) },
      },
    })
      .then((result) => result.data && onFormed(result.data.createNextSchoolYear.name))
      .catch(() => {});
  };
  return (
    <Section title="Следующий учебный год">
      <p className="muted">
        Новый учебный год формируется с 1 апреля: учебные периоды, каникулы и классы — ученики переводятся в следующий
        класс, выпускники не переводятся, оставленные на повторное обучение остаются в параллели.
      </p>
      <div className="school-form-grid">
        <Field label="Учебные периоды">
          {(props) => (
            <select {...props} value={periodKind} onChange={(event) => setPeriodKind(event.target.value as PeriodKind)}>
              {(Object.keys(PERIOD_KIND_LABELS) as PeriodKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {PERIOD_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <PersonPicker
          label="Оставлены на повторное обучение (по решению педсовета)"
          organizationId={organization.id}
          kind="STUDENT"
          selected={null}
          onSelect={(person) =>
            person &&
            setRepeaters((current) => (current.some((p) => p.id === person.id) ? current : [...current, person]))
          }
        />
      </div>
      {repeaters.length > 0 && (
        <ul className="school-people">
          {repeaters.map((person) => (
            <li key={person.id}>
              {person.fullName} <span className="muted">{person.enrolment?.className}</span>{' '}
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => setRepeaters((current) => current.filter((p) => p.id !== person.id))}
                aria-label={`Убрать ${person.fullName}`}
              >
                Убрать
              </button>
            </li>
          ))}
        </ul>
      )}
      {error ? <RefusalNotice error={error} /> : null}
      <div className="actions">
        {/* Before 1 April (the region's date, from the server) the server refuses: the button says so
            instead of inviting a click that fails (issue 15 §3.11). */}
        <button
          type="button"
          className="button button-primary"
          disabled={loading || !forming.open}
          aria-describedby={forming.open ? undefined : closedId}
          onClick={submit}
        >
          {loading ? 'Формирование…' : 'Сформировать следующий учебный год'}
        </button>
        {!forming.open && (
          <p id={closedId} className="muted">
            Учебный год {forming.name} можно сформировать с {formatDayMonth(forming.opensOn)}{' '}
            {forming.opensOn.slice(0, 4)} г.
          </p>
        )}
      </div>
    </Section>
  );
}
