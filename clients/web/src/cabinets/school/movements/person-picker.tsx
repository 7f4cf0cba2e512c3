/** Finding a learner by name for an order: type part of the name, pick one of up to ten matches. */
import { useId, useState } from 'react';
import { useData } from '../../../api/hooks.ts';
import { formatDate } from '../../../ui/format.ts';
import { Loading } from '../../../ui/kit.tsx';
import type { PersonKind } from '../labels.ts';
import { useDebounced } from '../ui.tsx';
import { CANDIDATES_QUERY, type Candidate } from './queries.ts';

export function describeEnrolment(candidate: Candidate): string {
  if (!candidate.enrolment) return 'не зачислен(а)';
  const { organization, className } = candidate.enrolment;
  return `${organization.shortName}${className ? `, ${className}` : ''}`;
}

export function PersonPicker({
  label,
  organizationId,
  kind,
  selected,
  onSelect,
  error,
}: {
  label: string;
  /** Only this organization's cards of `kind`; null: every card the admin may see. */
  organizationId: string | null;
  kind: PersonKind | null;
  selected: Candidate | null;
  onSelect: (candidate: Candidate | null) => void;
  error?: string;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const name = useDebounced(text.trim());
  const { data, loading } = useData(CANDIDATES_QUERY, {
    variables: { name, organizationId, kind },
    skip: name.length < 2,
  });
  const candidates = name.length < 2 ? [] : (data?.persons.edges.map((edge) => edge.node) ?? []);

  if (selected) {
    return (
      <div className="field">
        <span className="school-label" id={`${id}-label`}>
          {label}
        </span>
        <div className="school-picked" aria-labelledby={`${id}-label`}>
          <strong>{selected.fullName}</strong>
          <span className="muted">
            {formatDate(selected.birthDate)} · {describeEnrolment(selected)}
          </span>
          <button type="button" className="button button-small" onClick={() => onSelect(null)}>
            Выбрать другого
          </button>
        </div>
        {error && (
          <small className="field-error" role="alert">
            {error}
          </small>
        )}
      </div>
    );
  }
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder="Часть ФИО"
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setText(event.target.value)}
      />
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
      {name.length >= 2 &&
        (loading && !data ? (
          <Loading label="Ищем…" />
        ) : candidates.length === 0 ? (
          <p className="muted">Никого не нашли. Проверьте написание; новую карточку заводят в «Контроле заполнения».</p>
        ) : (
          <ul className="school-candidates" aria-label="Найденные">
            {candidates.map((candidate) => (
              <li key={candidate.id}>
                <button type="button" className="school-candidate" onClick={() => onSelect(candidate)}>
                  <strong>{candidate.fullName}</strong>
                  <span className="muted">
                    {formatDate(candidate.birthDate)} · {describeEnrolment(candidate)}
                  </span>
                </button>
              </li>
            ))}
            {(data?.persons.totalCount ?? 0) > candidates.length && (
              <li className="muted">Показаны первые {candidates.length}: уточните ФИО.</li>
            )}
          </ul>
        ))}
    </div>
  );
}
