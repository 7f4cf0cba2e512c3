/** Averages per subject and study period, with the change to the previous period and the period marks. */
import { formatAverage } from '../../ui/format.ts';
import { Badge } from '../../ui/kit.tsx';
import { formatChange } from '../common/format.ts';
import { MARK_TEXT } from '../common/labels.ts';
import type { PeriodData, PortfolioData, SubjectProgressData } from './queries.ts';

type PeriodMark = NonNullable<NonNullable<PortfolioData['person']>['portfolio']>['periodMarks'][number];

function Change({ value }: { value: number | null }) {
  if (value === null) return null;
  const tone = value > 0 ? 'success' : value < 0 ? 'error' : 'neutral';
  const words = value > 0 ? 'выше' : value < 0 ? 'ниже' : 'так же, как';
  return (
    <span className={`change change-${tone}`} title={`Средний балл ${words} предыдущего периода`}>
      {value > 0 ? '↑' : value < 0 ? '↓' : '='} {formatChange(value)}
      <span className="visually-hidden"> к предыдущему периоду</span>
    </span>
  );
}

function periodMarkOf(marks: readonly PeriodMark[], subjectId: string, period: PeriodData): PeriodMark | undefined {
  return marks.find(
    (mark) => mark.subject.id === subjectId && mark.date >= period.startsOn && mark.date <= period.endsOn,
  );
}

export function ProgressTable({
  subjects,
  periodMarks,
}: {
  subjects: readonly SubjectProgressData[];
  periodMarks: readonly PeriodMark[];
}) {
  const periods = subjects[0]?.periods.map((entry) => entry.period) ?? [];
  return (
    <div className="table-wrap">
      <table className="table progress-table">
        <caption className="visually-hidden">
          Средний балл по предметам: ученик и класс, по учебным периодам и за год
        </caption>
        <thead>
          <tr>
            <th scope="col">Предмет</th>
            <th scope="col" className="num">
              За год
            </th>
            <th scope="col" className="num">
              Класс
            </th>
            {periods.map((period) => (
              <th scope="col" key={period.id} className="num">
                {period.name}
                {!period.closed && <span className="muted"> (идёт)</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {subjects.map((row) => {
            const below = row.average !== null && row.classAverage !== null && row.average < row.classAverage;
            return (
              <tr key={row.subject.id}>
                <th scope="row">{row.subject.name}</th>
                <td className="num">
                  <strong>{formatAverage(row.average)}</strong>
                  {below && (
                    <>
                      {' '}
                      <Badge tone="warning">ниже класса</Badge>
                    </>
                  )}
                </td>
                <td className="num muted">{formatAverage(row.classAverage)}</td>
                {row.periods.map((entry) => {
                  const mark = periodMarkOf(periodMarks, row.subject.id, entry.period);
                  return (
                    <td key={entry.period.id} className="num">
                      <div>{formatAverage(entry.average)}</div>
                      <Change value={entry.change} />
                      {mark && (
                        <div className="period-mark">
                          итог: <strong>{MARK_TEXT[mark.value]}</strong>
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
