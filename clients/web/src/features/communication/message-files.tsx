/**
 * Message attachments (issue 15 §1): «Прикрепить файл» in the composer uploads the picked file at once (a ticket
 * from the server, then the bytes to its URL with `PUT`), and the message is sent with the uploaded files' ids;
 * under a message, its files as download links (signed for the reader, for a few minutes).
 */
import { useApolloClient } from '@apollo/client/react';
import { useId, useState, type ChangeEvent } from 'react';
import { describeError } from '../../ui/errors.ts';
import { REQUEST_MESSAGE_FILE_UPLOAD } from './queries.ts';

const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 10;
const ACCEPT = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt,.jpg,.jpeg,.png,.webp,.txt';
const LIMITS =
  'PDF, документы Word/Excel/PowerPoint и OpenDocument, JPG, PNG, WebP, TXT — до 10 МБ, не больше 10 файлов.';

export interface AttachedFile {
  id: string;
  name: string;
  size: number;
}

/** The file route's own refusal: its message is the server's Russian one, shown as it is. */
class UploadRefused extends Error {}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${(bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;
}

/** The composer's attachments: uploads a picked file and lists what will be sent; the form sends their ids. */
export function AttachFiles({ files, onChange }: { files: AttachedFile[]; onChange: (files: AttachedFile[]) => void }) {
  const client = useApolloClient();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    if (file.size > MAX_BYTES) {
      setError('Файл больше 10 МБ: загрузите файл поменьше.');
      input.value = '';
      return;
    }
    setBusy(true);
    try {
      const { data } = await client.mutate({
        mutation: REQUEST_MESSAGE_FILE_UPLOAD,
        variables: { input: { fileName: file.name, size: file.size } },
      });
      const response = await fetch(data!.requestMessageFileUpload.url, { method: 'PUT', body: file });
      const body = (await response.json().catch(() => null)) as {
        file?: AttachedFile;
        errors?: { message: string }[];
      } | null;
      if (!response.ok || !body?.file)
        throw new UploadRefused(body?.errors?.[0]?.message ?? 'Не удалось загрузить файл: попробуйте ещё раз.');
      onChange([...files, { id: body.file.id, name: body.file.name, size: body.file.size }]);
    } catch (caught) {
      setError(caught instanceof UploadRefused ? caught.message : describeError(caught).message);
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  return (
    <div className="message-attach">
      {files.length > 0 && (
        <ul className="message-files" aria-label="Приложенные файлы">
          {files.map((file) => (
            <li key={file.id}>
              {file.name} <span className="muted">{formatSize(file.size)}</span>{' '}
              <button
                type="button"
                className="button button-ghost"
                onClick={() => onChange(files.filter((other) => other.id !== file.id))}
                aria-label={`Убрать файл ${file.name}`}
              >
                Убрать
              </button>
            </li>
          ))}
        </ul>
      )}
      {files.length < MAX_FILES && (
        <label htmlFor={id} className={`button${busy ? ' button-busy' : ''}`}>
          {busy ? 'Загрузка…' : 'Прикрепить файл'}
        </label>
      )}
      <input
        id={id}
        type="file"
        className="visually-hidden"
        accept={ACCEPT}
        disabled={busy || files.length >= MAX_FILES}
        onChange={(event) => void upload(event)}
      />
      <span className="muted message-attach-hint">{LIMITS}</span>
      {error && (
        <p className="message-attach-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A message's files as download links. */
export function MessageFiles({
  files,
}: {
  files: readonly { id: string; name: string; size: number; downloadUrl?: string | null }[];
}) {
  if (files.length === 0) return null;
  return (
    <ul className="message-files" aria-label="Файлы сообщения">
      {files.map((file) => (
        <li key={file.id}>
          {file.downloadUrl ? (
            <a href={file.downloadUrl} download={file.name}>
              {file.name}
            </a>
          ) : (
            <span>{file.name} (проверяется антивирусом)</span>
          )}{' '}
          <span className="muted">{formatSize(file.size)}</span>
        </li>
      ))}
    </ul>
  );
}
