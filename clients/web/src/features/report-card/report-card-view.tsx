/**
 * The report card (табель) of one learner for a school year — the same component in the guardian's and the
 * student's cabinet: subjects × study periods (period marks), year and final marks, lessons missed. Printable:
 * «Печать» and the print CSS leave the card alone on an A4 page (report-card.css).
 */
import { useData } from '../../api/hooks.ts';
import { MARK_TEXT } from '../common/labels.ts';
import { DataState, TableWrap } from '../../ui/kit.tsx';
import { PrintButton } from './print-button.tsx';
import { REPORT_CARD_QUERY, type ReportCardData } from './queries.ts';
import '../common/common.css';
import './report-card.css';

const markText = (mark: { value: keyof typeof MARK_TEXT } | null | undefined) => (mark ? MARK_TEXT[mark.value] : '');

function ReportCardTable({ card, fullName }: { card: ReportCardData; fullName: string }) {
  const years = `${card.schoolYear}/${String(card.schoolYear + 1).slice(2)}`;
  const classes = card.classes.map((c) => c.name).join(', ');
  return (
    <div className="print-sheet report-card">
      <h2 className="print-title">
        Табель успеваемости: {fullName}
        {classes && `, ${classes} класс`}, {years} учебный год
      </h2>
      <p className="muted no-print">
        {classes && `${classes} класс, `}
        {years} учебный год
      </p>
      <TableWrap label="Табель успеваемости">
        <table className="table">
          <caption className="visually-hidden">Отметки за учебные периоды, годовые и итоговые</caption>
          <thead>
            <tr>
              <th scope="col">Предмет</th>
              {card.periods.map((period) => (
                <th key={period.id} scope="col">
                  {period.name}
                </th>
              ))}
              <th scope="col">Годовая</th>
              <th scope="col">Итоговая</th>
            </tr>
          </thead>
          <tbody>
            {card.subjects.map((row) => (
              <tr key={row.subject.id}>
                <th scope="row">{row.subject.name}</th>
                {row.periodMarks.map((mark, index) => (
                  <td key={card.periods[index]?.id ?? index}>{markText(mark)}</td>
                ))}
                <td>{markText(row.yearMark)}</td>
                <td>{markText(row.finalMark)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <dl className="sheet-facts" aria-label="Пропуски уроков за учебный год">
        <div>
          <dt>Пропущено уроков</dt>
          <dd data-testid="missed">{card.attendance.missed}</dd>
        </div>
        <div>
          <dt>из них по уважительной причине</dt>
          <dd>{card.attendance.excused}</dd>
        </div>
        <div>
          <dt>Опозданий</dt>
          <dd>{card.attendance.late}</dd>
        </div>
      </dl>
    </div>
  );
}

export function ReportCardView({ personId }: { personId: string }) {
  const { data, loading, error, refetch } = useData(REPORT_CARD_QUERY, { variables: { personId } });
  const person = data?.person;
  return (
    <>
      <div className="sheet-toolbar no-print">
        <PrintButton label="Распечатать табель" />
      </div>
      <DataState
        loading={loading}
        error={error}
        data={person?.reportCard}
        onRetry={() => void refetch()}
        empty="Табель недоступен: обучающийся не числится в классе в этом учебном году."
        isEmpty={(card) => card.subjects.length === 0}
      >
        {(card) => <ReportCardTable card={card} fullName={person?.fullName ?? ''} />}
      </DataState>
    </>
  );
}
