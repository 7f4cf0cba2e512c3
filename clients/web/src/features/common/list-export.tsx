/**
 * «Скачать CSV», «Скачать XLSX», «Печать» for a list page (issue 15 §2). The file is the page's own query, run
 * by the gateway as the signed-in person page after page (`/exports/gateway/list`), so it holds exactly what
 * the person may see in the list, in the list's filters, however many pages it has; the header names the
 * filters as the page shows them. «Печать» is the browser's print of the page (print CSS: the table alone).
 */
import type { DocumentNode } from 'graphql';
import { print } from 'graphql';
import { useState } from 'react';
import { authorizedFetch } from '../../api/client.ts';
import { openDownload } from '../reports/download.ts';
import './print.css';

export interface ListColumn {
  title: string;
  /** Dot path inside a node of the connection (`person.fullName`). */
  path: string;
  /** Names of enum values as the page shows them. */
  labels?: Readonly<Record<string, string>>;
  kind?: 'text' | 'date' | 'datetime' | 'number' | 'boolean';
}

export interface ListExport {
  /** The file's title and name, e.g. «Книга движения — Школа № 1». */
  title: string;
  /** The page's filters as it shows them: «Класс: 5А». */
  filters: string[];
  /** The page's query; it must take `$first` and `$after`. */
  query: DocumentNode;
  variables: Record<string, unknown>;
  /** Dot path of the connection in the answer (`movementBook`). */
  connection: string;
  columns: ListColumn[];
}

type Format = 'CSV' | 'XLSX';

export function ListExportButtons({ list }: { list: ListExport }) {
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = async (format: Format) => {
    setBusy(format);
    setError(null);
    try {
      const { first: _first, after: _after, ...variables } = list.variables;
      const response = await authorizedFetch('/exports/gateway/list', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...list, query: print(list.query), variables, format }),
      });
      const body = (await response.json()) as {
        url?: string;
        filename?: string;
        errors?: { message: string }[];
      };
      if (!response.ok || !body.url || !body.filename)
        throw new Error(body.errors?.[0]?.message ?? 'Не удалось подготовить файл.');
      openDownload({ url: body.url, filename: body.filename });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Не удалось подготовить файл.');
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      {/* On paper the filters form is gone: its choices are printed as a line above the table instead. */}
      <p className="print-filters">{list.filters.length ? `Фильтры: ${list.filters.join('; ')}` : 'Фильтры: нет'}</p>
      <div className="list-export no-print">
        <div className="list-export-buttons" role="group" aria-label="Выгрузка и печать списка">
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
          <button type="button" className="button" onClick={() => window.print()}>
            Печать
          </button>
        </div>
        {error && (
          <div className="notice notice-error" role="alert">
            {error}
          </div>
        )}
      </div>
    </>
  );
}
