/**
 * Form ОО-1's contingent sections as the form lays them out: a table per section, rows with the form's line
 * numbers, «к» in a suppressed cell, and the XLSX the server builds in the form's layout.
 */
import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { useData } from '../../api/hooks.ts';
import { DataState, ErrorNotice, Section, TableWrap } from '../../ui/kit.tsx';
import { formatDate } from '../../ui/format.ts';
import type { Oo1Input } from '../../generated/graphql.ts';
import { downloadFile } from './download.ts';
import { OO1_FILE, OO1_FORM, type Oo1 } from './queries.ts';
import { formatValue, SUPPRESSED_MARK } from './table-model.ts';
import './reports.css';

function Sections({ form }: { form: Oo1 }) {
  return (
    <>
      {form.sections.map((section) => (
        <Section key={section.code} title={`${section.code}. ${section.title}`}>
          <TableWrap label={`Раздел ${section.code}`}>
            <table className="table t-table" data-oo1-section={section.code}>
              <caption className="visually-hidden">
                Раздел {section.code}. {section.title}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Наименование показателя</th>
                  <th scope="col">№ строки</th>
                  {section.columns.map((column) => (
                    <th key={column} scope="col" className="num">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {section.rows.map((row) => (
                  <tr key={row.line}>
                    <th scope="row">{row.title}</th>
                    <td>{row.line}</td>
                    {row.cells.map((cell, index) => (
                      <td key={index} className="num">
                        {cell.suppressed ? (
                          <span className="r-suppressed" title="Скрыто: малая ячейка">
                            {SUPPRESSED_MARK}
                          </span>
                        ) : (
                          formatValue(cell.value ?? null, null)
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </Section>
      ))}
    </>
  );
}

export function Oo1View({ input }: { input: Oo1Input }) {
  const { data, loading, error, refetch } = useData(OO1_FORM, { variables: { input }, fetchPolicy: 'no-cache' });
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [fileError, setFileError] = useState<unknown>(null);
  const download = async () => {
    setBusy(true);
    setFileError(null);
    try {
      const result = await client.query({ query: OO1_FILE, variables: { input }, fetchPolicy: 'no-cache' });
      if (result.error) throw result.error;
      if (result.data) downloadFile(result.data.oo1.file);
    } catch (caught) {
      setFileError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
      {(loaded) => (
        <>
          <p className="muted" data-oo1-summary>
            {loaded.oo1.territory}: контингент на {formatDate(loaded.oo1.on)}, возраст на {formatDate(loaded.oo1.ageOn)}
            .
          </p>
          <div className="r-actions">
            <button type="button" className="button" disabled={busy} onClick={() => void download()}>
              {busy ? 'Готовим файл…' : 'Скачать XLSX (раскладка формы)'}
            </button>
          </div>
          {fileError ? <ErrorNotice error={fileError} /> : null}
          {loaded.oo1.suppressed && <p className="r-note">{loaded.oo1.note}</p>}
          <Sections form={loaded.oo1} />
        </>
      )}
    </DataState>
  );
}
