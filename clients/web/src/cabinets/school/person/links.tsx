/** The card's links: guardians or children, and the card's entries in the movement book. */
import { Link } from 'react-router';
import { formatDate } from '../../../ui/format.ts';
import { Empty, Section } from '../../../ui/kit.tsx';
import { MOVEMENT_LABELS } from '../labels.ts';
import type { PersonCardData } from './queries.ts';

type Person = NonNullable<PersonCardData['person']>;

export function Relatives({
  title,
  people,
  empty,
  linkTo,
}: {
  title: string;
  people: Person['guardians'];
  /** What to say when there are none; null hides the section. */
  empty: string | null;
  linkTo: (id: string) => string;
}) {
  if (people.length === 0 && empty === null) return null;
  return (
    <Section title={title}>
      {people.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <ul className="school-people">
          {people.map((relative) => (
            <li key={relative.id}>
              <Link to={linkTo(relative.id)}>{relative.fullName}</Link>
              {relative.enrolment && (
                <span className="muted">
                  {' '}
                  — {relative.enrolment.organization.shortName}
                  {relative.enrolment.className ? `, ${relative.enrolment.className}` : ''}
                </span>
              )}
              {(relative.phone || relative.email) && (
                <span className="muted"> · {[relative.phone, relative.email].filter(Boolean).join(', ')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function Movements({ movements }: { movements: Person['movements'] }) {
  if (!movements || movements.length === 0) return null;
  const sorted = [...movements].sort((a, b) => b.effectiveOn.localeCompare(a.effectiveOn));
  return (
    <Section title="Книга движения">
      <div className="table-wrap">
        <table className="table school-table">
          <thead>
            <tr>
              <th scope="col">С даты</th>
              <th scope="col">Запись</th>
              <th scope="col">Организация, класс</th>
              <th scope="col">Приказ</th>
              <th scope="col">Основание</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((entry) => (
              <tr key={entry.id}>
                <td data-label="С даты">{formatDate(entry.effectiveOn)}</td>
                <td data-label="Запись">{MOVEMENT_LABELS[entry.kind]}</td>
                <td data-label="Организация, класс">
                  {entry.organization.shortName}
                  {entry.className ? `, ${entry.className}` : ''}
                  {entry.fromOrganization && entry.fromOrganization.id !== entry.organization.id && (
                    <span className="muted"> (из {entry.fromOrganization.shortName})</span>
                  )}
                </td>
                <td data-label="Приказ">
                  № {entry.orderNumber} от {formatDate(entry.orderDate)}
                </td>
                <td data-label="Основание">{entry.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
