/**
 * The сводная ведомость of a class for a study period (issue 15 §2), for the school's admin and the class
 * teacher: learners × subjects period marks, averages, «2» and «н/а», lessons missed and, of them, for a good
 * reason. Printable (report-card.css) and downloadable as CSV or XLSX — the server writes the file with the
 * very numbers of this table (`summarySheetFile`).
 */
import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { useData } from '../../api/hooks.ts';
import { formatAverage, formatDate, regionToday } from '../../ui/format.ts';
import { DataState, ErrorNotice, Field, TableWrap } from '../../ui/kit.tsx';
import { MARK_TEXT } from '../common/labels.ts';
import { downloadFile } from '../reports/download.ts';
import { PrintButton } from './print-button.tsx';
import { STUDY_PERIODS_QUERY, SUMMARY_SHEET_FILE, SUMMARY_SHEET_QUERY, type SummarySheetData } from './queries.ts';
import '../common/common.css';
import './report-card.css';

type Format = 'CSV' | 'XLSX';

function Downloads({ classId, periodId }: { classId: string; periodId: string }) {
  const client = useApolloClient();
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = async (format: Format) => {
    setBusy(format);
    setError(null);
    try {
      const result = await client.query({
        query: SUMMARY_SHEET_FILE,
        variables: { classId, periodId, format },
        fetchPolicy: 'no-cache',
      });
      if (result.error) throw result.error;
      if (result.data) downloadFile(result.data.summarySheetFile);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <div className="sheet-toolbar no-print" role="group" aria-label="Печать и файлы ведомости">
        <PrintButton label="Распечатать ведомость" />
        {(['CSV', 'XLSX'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => void download(format)}
          >
            {busy === format ? 'Готовим файл…' : `Скачать ${format}`}
          </button>
        ))}
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </>
  );
}

function SheetTable({ sheet }: { sheet: SummarySheetData }) {
  const totals = sheet.rows.reduce(
    (sum, row) => ({ missed: sum.missed + row.attendance.missed, excused: sum.excused + row.attendance.excused }),
    { missed: 0, excused: 0 },
  );
  return (
    <div className="print-sheet summary-sheet">
      <h2 className="print-title">
        Сводная ведомость {sheet.class.name} класса, {sheet.period.name} ({formatDate(sheet.period.startsOn)} –{' '}
        {formatDate(sheet.period.endsOn)})
      </h2>
      <TableWrap label="Сводная ведомость">
        <table className="table">
          <caption className="visually-hidden">
            Отметки за период по предметам, средний балл, «2», «н/а» и пропуски каждого обучающегося
          </caption>
          <thead>
            <tr>
              <th scope="col">№</th>
              <th scope="col">Обучающийся</th>
              {sheet.subjects.map((subject) => (
                <th key={subject.id} scope="col" title={subject.name}>
                  {subject.shortName}
                </th>
              ))}
              <th scope="col">Ср. балл</th>
              <th scope="col">«2»</th>
              <th scope="col">«н/а»</th>
              <th scope="col">Пропущено уроков</th>
              <th scope="col">из них по уваж.</th>
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((row, index) => (
              <tr key={row.student.id}>
                <td>{index + 1}</td>
                <th scope="row">{row.student.fullName}</th>
                {row.marks.map((mark, column) => (
                  <td key={sheet.subjects[column]?.id ?? column}>{mark ? MARK_TEXT[mark] : ''}</td>
                ))}
                <td>{formatAverage(row.average)}</td>
                <td>{row.twos}</td>
                <td>{row.notAttested}</td>
                <td>{row.attendance.missed}</td>
                <td>{row.attendance.excused}</td>
              </tr>
            ))}
            <tr className="totals-row">
              <td />
              <th scope="row">По классу</th>
              {sheet.subjectTotals.map((total) => (
                <td key={total.subject.id}>{formatAverage(total.average)}</td>
              ))}
              <td>{formatAverage(sheet.average)}</td>
              <td>{sheet.subjectTotals.reduce((sum, total) => sum + total.twos, 0)}</td>
              <td>{sheet.subjectTotals.reduce((sum, total) => sum + total.notAttested, 0)}</td>
              <td>{totals.missed}</td>
              <td>{totals.excused}</td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

/** The period picker (default: the current or the last finished period) and the sheet of the chosen one. */
export function SummarySheetView({
  classId,
  organizationId,
  schoolYear,
}: {
  classId: string;
  organizationId: string;
  schoolYear: number;
}) {
  const periods = useData(STUDY_PERIODS_QUERY, { variables: { organizationId, schoolYear } });
  const [chosen, setChosen] = useState<string | null>(null);
  const list = periods.data?.studyPeriods ?? [];
  const today = regionToday();
  const fallback =
    list.find((p) => p.startsOn <= today && today <= p.endsOn) ??
    list.filter((p) => p.endsOn < today).at(-1) ??
    list[0];
  const periodId = chosen && list.some((p) => p.id === chosen) ? chosen : fallback?.id;
  const sheet = useData(SUMMARY_SHEET_QUERY, {
    variables: { classId, periodId: periodId ?? '' },
    skip: !periodId,
  });
  return (
    <>
      <div className="sheet-toolbar no-print">
        <Field label="Учебный период">
          {(props) => (
            <select {...props} value={periodId ?? ''} onChange={(event) => setChosen(event.target.value)}>
              {list.map((period) => (
                <option key={period.id} value={period.id}>
                  {period.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {periodId && <Downloads classId={classId} periodId={periodId} />}
      <DataState
        loading={periods.loading || sheet.loading}
        error={periods.error ?? sheet.error}
        data={periodId ? sheet.data?.summarySheet : null}
        onRetry={() => void sheet.refetch()}
        empty="В учебном году нет учебных периодов."
      >
        {(data) => <SheetTable sheet={data} />}
      </DataState>
    </>
  );
}
