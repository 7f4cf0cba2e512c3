/**
 * What a built report offers besides its table: download as CSV or XLSX (the server streams the file with the
 * same numbers, «к» and the suppression note in its header, every row however many), save it under a name, shared within the
 * territory or not; and the list of saved reports, each opened again from its definition.
 */
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { DataState, ErrorNotice, Notice, Section } from '../../ui/kit.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { openDownload } from './download.ts';
import {
  DELETE_SAVED_REPORT,
  REPORT_FILE_LINK,
  SAVE_REPORT,
  SAVED_REPORTS,
  type ReportInput,
  type SavedReportItem,
} from './queries.ts';

type Format = 'CSV' | 'XLSX';

export function ExportButtons({ input }: { input: ReportInput }) {
  const client = useApolloClient();
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = async (format: Format) => {
    setBusy(format);
    setError(null);
    try {
      const result = await client.query({
        query: REPORT_FILE_LINK,
        variables: { input, format },
        fetchPolicy: 'no-cache',
      });
      if (result.error) throw result.error;
      if (result.data) openDownload(result.data.reportFileLink);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <div className="r-actions" role="group" aria-label="Скачать отчёт">
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

export function SaveForm({ input, defaultTitle }: { input: ReportInput; defaultTitle: string }) {
  const id = useId();
  const [title, setTitle] = useState(defaultTitle);
  const [shared, setShared] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [save, { loading, error }] = useMutation(SAVE_REPORT, { refetchQueries: [SAVED_REPORTS] });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    try {
      const result = await save({ variables: { input: { title: title.trim(), report: input, shared } } });
      if (result.data) setSaved(result.data.saveReport.title);
    } catch {
      // The error is shown from the mutation's state.
    }
  };
  return (
    <form className="form-row r-save" onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor={`${id}-title`}>Название отчёта</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={200}
          required
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <label className="r-check">
        <input type="checkbox" checked={shared} onChange={(event) => setShared(event.target.checked)} />
        Открыть пользователям моей территории
      </label>
      <button type="submit" className="button" disabled={loading || !title.trim()}>
        Сохранить
      </button>
      {saved && <Notice tone="success">Отчёт «{saved}» сохранён.</Notice>}
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}

/** The address that opens a saved report's definition in the builder (`basePath`: the builder's page). */
export function savedReportPath(basePath: string, report: SavedReportItem): string {
  const { definition } = report;
  const params = new URLSearchParams({ dataset: definition.dataset });
  if (definition.dimensions.length) params.set('dimensions', definition.dimensions.join(','));
  if (definition.measures.length) params.set('measures', definition.measures.join(','));
  for (const filter of definition.filters) params.set(`f.${filter.dimension}`, filter.values.join(','));
  for (const key of ['on', 'from', 'to'] as const) {
    const value = definition[key];
    if (value) params.set(key, value);
  }
  return `${basePath}?${params.toString()}`;
}

export function SavedReports({ basePath }: { basePath: string }) {
  const { data, loading, error, refetch } = useData(SAVED_REPORTS, { fetchPolicy: 'cache-and-network' });
  const [remove, removal] = useMutation(DELETE_SAVED_REPORT, { refetchQueries: [SAVED_REPORTS] });
  return (
    <Section title="Сохранённые отчёты">
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(loaded) => loaded.savedReports.length === 0}
        empty="Сохранённых отчётов пока нет: постройте отчёт и сохраните его под своим названием."
      >
        {(loaded) => (
          <ul className="r-saved" data-saved-reports>
            {loaded.savedReports.map((report) => (
              <li key={report.id}>
                <Link to={savedReportPath(basePath, report)}>{report.title}</Link>{' '}
                <small className="muted">
                  {report.mine ? 'ваш' : 'открыт коллегой'}
                  {report.mine && report.shared ? ', открыт территории' : ''} · {formatDateTime(report.savedAt)}
                </small>
                {report.mine && (
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    disabled={removal.loading}
                    onClick={() => void remove({ variables: { id: report.id } }).catch(() => undefined)}
                    aria-label={`Удалить отчёт «${report.title}»`}
                  >
                    Удалить
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </DataState>
      {removal.error ? <ErrorNotice error={removal.error} /> : null}
    </Section>
  );
}
