/** One group of likely duplicates: pick the card to keep, merge another into it after a confirmation. */
import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { Badge } from '../../../ui/kit.tsx';
import { DOCUMENT_SHORT_LABELS } from '../labels.ts';
import { personPath, useOrganization } from '../organization.tsx';
import { ConfirmDialog } from '../ui.tsx';
import { MERGE, type DuplicateRecord, type Group } from './queries.ts';

/** The record to suggest keeping: the one used to log in last, else the fuller one. */
function suggested(persons: DuplicateRecord[]): string | undefined {
  return [...persons].sort(
    (a, b) =>
      (b.lastLoginAt ?? '').localeCompare(a.lastLoginAt ?? '') ||
      (a.missingFields?.length ?? 99) - (b.missingFields?.length ?? 99),
  )[0]?.id;
}

export function DuplicateGroup({
  group,
  onMerged,
}: {
  group: Group;
  onMerged: (kept: { id: string; fullName: string }) => void;
}) {
  const organization = useOrganization();
  const name = useId();
  const [keepId, setKeepId] = useState(suggested(group.persons));
  const [mergeId, setMergeId] = useState<string | null>(null);
  const [merge, { loading, error, reset }] = useMutation(MERGE);
  const keep = group.persons.find((person) => person.id === keepId);
  const other = group.persons.find((person) => person.id === mergeId);
  const recommended = suggested(group.persons);

  const confirm = async () => {
    if (!keep || !other) return;
    try {
      const result = await merge({ variables: { keepId: keep.id, mergeId: other.id } });
      setMergeId(null);
      if (result.data) onMerged(result.data.mergePersons);
    } catch {
      // Shown in the dialog.
    }
  };

  return (
    <section className="card school-duplicate" aria-labelledby={`${name}-title`}>
      <header className="card-header">
        <h2 id={`${name}-title`}>
          {group.persons[0]?.fullName ?? group.normalizedName}
          <span className="muted school-subtitle"> · {group.persons.length} карточки</span>
        </h2>
      </header>
      <div className="table-wrap">
        <table className="table school-table">
          <thead>
            <tr>
              <th scope="col">Оставить</th>
              <th scope="col">Карточка</th>
              <th scope="col">Дата рождения</th>
              <th scope="col">СНИЛС</th>
              <th scope="col">Документ</th>
              <th scope="col">Связи</th>
              <th scope="col">Последний вход</th>
              <th scope="col">Действие</th>
            </tr>
          </thead>
          <tbody>
            {group.persons.map((person, index) => (
              <tr key={person.id} className={person.id === keepId ? 'school-row-selected' : undefined}>
                <td data-label="Оставить">
                  <input
                    type="radio"
                    name={name}
                    checked={person.id === keepId}
                    onChange={() => setKeepId(person.id)}
                    aria-label={`Оставить карточку ${index + 1}`}
                  />
                </td>
                <td data-label="Карточка">
                  <Link to={personPath('duplicates', organization.id, person.id)}>Карточка {index + 1}</Link>
                  {person.id === recommended && (
                    <>
                      {' '}
                      <Badge tone="info">рекомендуется</Badge>
                    </>
                  )}
                  {(person.missingFields?.length ?? 0) > 0 && (
                    <div className="muted">не заполнено полей: {person.missingFields?.length}</div>
                  )}
                </td>
                <td data-label="Дата рождения">{formatDate(person.birthDate)}</td>
                <td data-label="СНИЛС" className="school-nowrap">
                  {person.snils ?? '—'}
                </td>
                <td data-label="Документ">
                  {person.identityDocument ? (
                    <>
                      {DOCUMENT_SHORT_LABELS[person.identityDocument.type]}
                      <div className="school-nowrap">
                        {person.identityDocument.series} № {person.identityDocument.number}
                      </div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-label="Связи">
                  {person.enrolment && (
                    <div>
                      {person.enrolment.organization.shortName}
                      {person.enrolment.className ? `, ${person.enrolment.className}` : ''}
                    </div>
                  )}
                  {person.children.length > 0 && (
                    <div>Дети: {person.children.map((child) => child.fullName).join(', ')}</div>
                  )}
                  {!person.enrolment && person.children.length === 0 && '—'}
                </td>
                <td data-label="Последний вход" data-testid="last-login">
                  {person.lastLoginAt ? (
                    formatDateTime(person.lastLoginAt)
                  ) : (
                    <span className="muted">не входил(а)</span>
                  )}
                </td>
                <td data-label="Действие">
                  {person.id !== keepId && (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Объединить карточку ${index + 1} с выбранной`}
                      onClick={() => {
                        reset();
                        setMergeId(person.id);
                      }}
                    >
                      Объединить…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={Boolean(keep && other)}
        title="Объединить карточки?"
        confirmLabel="Объединить"
        danger
        busy={loading}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setMergeId(null)}
      >
        {keep && other && (
          <>
            <p>
              Останется карточка <strong>{group.persons.indexOf(keep) + 1}</strong> (последний вход:{' '}
              {keep.lastLoginAt ? formatDateTime(keep.lastLoginAt) : 'не входил(а)'}).
            </p>
            <p>
              Карточка <strong>{group.persons.indexOf(other) + 1}</strong> (последний вход:{' '}
              {other.lastLoginAt ? formatDateTime(other.lastLoginAt) : 'не входил(а)'}) будет помечена объединённой. Все
              её связи — дети, представители, зачисления, место работы, согласия, вход через Госуслуги и роли — перейдут
              к оставленной карточке, а пустые поля оставленной заполнятся из неё.
            </p>
            <p>Отменить объединение нельзя. Изменение попадёт в историю обеих карточек.</p>
          </>
        )}
      </ConfirmDialog>
    </section>
  );
}
