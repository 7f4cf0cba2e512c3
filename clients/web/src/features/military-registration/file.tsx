/**
 * The ГИР ВУ file: the server builds it under the same access rules as the list and answers it base64 (a school's
 * or a municipality's file is small); the browser only saves it. Never kept in Apollo's cache.
 */
import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorNotice, Notice } from '../../ui/kit.tsx';
import { MILITARY_REGISTRATION_FILE } from './queries.ts';
import './military-registration.css';

function save(fileName: string, mediaType: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function MilitaryRegistrationDownload({
  organizationId = null,
  municipalityId = null,
}: {
  organizationId?: string | null;
  municipalityId?: string | null;
}) {
  const client = useApolloClient();
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'loading' }
    | { kind: 'done'; rows: number; withheld: number }
    | { kind: 'error'; error: unknown }
  >({ kind: 'idle' });
  const download = async () => {
    setState({ kind: 'loading' });
    try {
      const { data } = await client.query({
        query: MILITARY_REGISTRATION_FILE,
        variables: { organizationId, municipalityId },
        fetchPolicy: 'no-cache',
      });
      const file = data?.militaryRegistration.file;
      if (!file) throw new Error('Файл не получен.');
      save(file.fileName, file.mediaType, file.contentBase64);
      setState({ kind: 'done', rows: file.rowCount, withheld: file.withheld });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  };
  return (
    <div className="gir-download">
      <button type="button" className="button" onClick={() => void download()} disabled={state.kind === 'loading'}>
        {state.kind === 'loading' ? 'Готовим файл…' : 'Скачать файл для ГИР ВУ (CSV)'}
      </button>
      {state.kind === 'done' && (
        <Notice tone="success">
          <span>
            Файл сохранён: обучающихся в файле — {state.rows}
            {state.withheld > 0 ? `; не включены без согласия на обработку ПДн — ${state.withheld}` : ''}.
          </span>
        </Notice>
      )}
      {state.kind === 'error' && <ErrorNotice error={state.error} />}
    </div>
  );
}
