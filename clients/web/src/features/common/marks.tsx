/** A mark as schools write it: the value, its weight and kind for a screen reader and on hover. */
import './common.css';
import {
  ATTENDANCE,
  MARK_KIND,
  MARK_NUMBER,
  MARK_TEXT,
  type AttendanceStatus,
  type MarkKind,
  type MarkValue,
} from './labels.ts';

export interface MarkFields {
  id: string;
  kind: MarkKind;
  value: MarkValue;
  weight: number;
  debt: boolean;
  comment: string | null;
}

function markClass(value: MarkValue): string {
  switch (value) {
    case 'FIVE':
      return 'mark mark-5';
    case 'FOUR':
    case 'PASS':
      return 'mark mark-4';
    case 'THREE':
      return 'mark mark-3';
    case 'TWO':
    case 'FAIL':
    case 'NOT_ATTESTED':
      return 'mark mark-2';
  }
}

export function describeMark(mark: MarkFields): string {
  const parts = [MARK_KIND[mark.kind], `вес ${mark.weight.toLocaleString('ru-RU')}`];
  if (mark.debt) parts.push('долг: работа не сдана');
  if (mark.comment) parts.push(mark.comment);
  return parts.join(', ');
}

export function MarkChip({ mark }: { mark: MarkFields }) {
  const description = describeMark(mark);
  return (
    <span className="mark-chip" title={description}>
      <span className={`${markClass(mark.value)}${mark.kind === 'CONTROL' ? ' mark-control' : ''}`}>
        {MARK_TEXT[mark.value]}
      </span>
      {mark.weight !== 1 && (
        <span className="weight" aria-hidden="true">
          ×{mark.weight.toLocaleString('ru-RU')}
        </span>
      )}
      {mark.debt && <span className="mark-debt">долг</span>}
      <span className="visually-hidden"> ({description})</span>
    </span>
  );
}

export function AttendanceBadge({ status }: { status: AttendanceStatus }) {
  const { short, text, tone } = ATTENDANCE[status];
  return (
    <span className={`badge badge-${tone}`} title={text}>
      <span aria-hidden="true">{short}</span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}

/** Σ value·weight / Σ weight over numeric current and control marks — the average schools report. */
export function weightedAverage(marks: readonly MarkFields[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const mark of marks) {
    if (mark.kind !== 'CURRENT' && mark.kind !== 'CONTROL') continue;
    const value = MARK_NUMBER[mark.value];
    if (value === null) continue;
    sum += value * mark.weight;
    weights += mark.weight;
  }
  return weights === 0 ? null : sum / weights;
}
