/** The figures above the list: cards, cards with gaps, and which mandatory fields are missed most. */
import { useData } from '../../../api/hooks.ts';
import { ErrorNotice, Loading } from '../../../ui/kit.tsx';
import { FIELD_LABELS, FIELDS_OF_KIND, KIND_LABELS, type MandatoryField, type PersonKind } from '../labels.ts';
import { BREAKDOWN_QUERY } from './queries.ts';

export function Breakdown({
  organizationId,
  kind,
  classId,
  selected,
  onSelect,
}: {
  organizationId: string;
  kind: PersonKind;
  classId: string | null;
  selected: MandatoryField | null;
  onSelect: (field: MandatoryField | null) => void;
}) {
  const { data, loading, error, refetch } = useData(BREAKDOWN_QUERY, {
    variables: { organizationId, kind, classId },
  });
  if (!data) {
    if (loading) return <Loading label="Считаем карточки…" />;
    return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  }
  const total = data.all.totalCount;
  const gaps = data.gaps.totalCount;
  const share = total === 0 ? 0 : Math.round((gaps / total) * 100);
  const fields = FIELDS_OF_KIND[kind]
    .map((field) => ({ field, count: data[field].totalCount }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count);
  return (
    <div className="school-breakdown">
      <div className="stats">
        <div className="stat">
          <div className="stat-value">{total}</div>
          <div className="stat-label">всего карточек ({KIND_LABELS[kind].toLowerCase()})</div>
        </div>
        <div className="stat">
          <div className={`stat-value${gaps > 0 ? ' school-warning-text' : ''}`}>{gaps}</div>
          <div className="stat-label">с незаполненными полями ({share}%)</div>
        </div>
        <div className="stat">
          <div className="stat-value">{total - gaps}</div>
          <div className="stat-label">заполнены полностью</div>
        </div>
      </div>
      {fields.length > 0 && (
        <div className="school-chips" role="group" aria-label="Чаще всего не заполнено">
          <span className="muted">Не заполнено:</span>
          {fields.map(({ field, count }) => (
            <button
              key={field}
              type="button"
              className={`school-chip${selected === field ? ' school-chip-selected' : ''}`}
              aria-pressed={selected === field}
              onClick={() => onSelect(selected === field ? null : field)}
            >
              {FIELD_LABELS[field]} <span className="school-chip-count">{count}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
