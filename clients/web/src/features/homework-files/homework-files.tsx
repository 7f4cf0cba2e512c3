/**
 * Homework files (issue 15 §2): the teacher attaches files to a lesson's homework in the lesson editor; in the
 * diary the pupil and her guardian download them, the pupil hands in work as a file; the teacher sees the
 * handed-in files. The bytes go straight to the signed URL the server issues (`PUT`), not through GraphQL.
 */
import { useApolloClient } from '@apollo/client/react';
import { useId, useState, type ChangeEvent } from 'react';
import { useData } from '../../api/hooks.ts';
import { describeError } from '../../ui/errors.ts';
import { formatDateTime } from '../../ui/format.ts';
import { Badge, DataState, Notice } from '../../ui/kit.tsx';
import {
  DELETE_HOMEWORK_FILE,
  HOMEWORK_LESSON_FILES,
  REQUEST_HOMEWORK_FILE_UPLOAD,
  type HomeworkFileData,
} from './operations.ts';
import './homework-files.css';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt,.jpg,.jpeg,.png,.webp,.txt';
const LIMITS = 'PDF, документы Word/Excel/PowerPoint и OpenDocument, JPG, PNG, WebP, TXT — до 10 МБ.';

/** The file route's own refusal: its message is the server's Russian one, shown as it is. */
class UploadRefused extends Error {}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${(bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;
}

function FileLink({ file, onDelete }: { file: HomeworkFileData; onDelete?: () => void }) {
  return (
    <li className="homework-file">
      {file.downloadUrl ? (
        <a href={file.downloadUrl} download={file.name}>
          {file.name}
        </a>
      ) : (
        <span>{file.name}</span>
      )}{' '}
      <span className="muted">{formatSize(file.size)}</span>
      {file.scanStatus === 'PENDING' && <Badge tone="warning">проверяется антивирусом</Badge>}
      {file.scanStatus === 'INFECTED' && <Badge tone="error">заражён</Badge>}
      {onDelete && (
        <button
          type="button"
          className="button button-ghost homework-file-delete"
          onClick={onDelete}
          aria-label={`Удалить файл ${file.name}`}
        >
          Удалить
        </button>
      )}
    </li>
  );
}

/** The file picker that uploads what is picked: the ticket from the server, then the bytes to its URL. */
function UploadButton({
  lessonId,
  purpose,
  label,
  onUploaded,
}: {
  lessonId: string;
  purpose: 'ASSIGNMENT' | 'SUBMISSION';
  label: string;
  onUploaded: (name: string) => Promise<void>;
}) {
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
        mutation: REQUEST_HOMEWORK_FILE_UPLOAD,
        variables: { input: { lessonId, purpose, fileName: file.name, size: file.size } },
      });
      const response = await fetch(data!.requestHomeworkFileUpload.url, { method: 'PUT', body: file });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { errors?: { message: string }[] } | null;
        throw new UploadRefused(body?.errors?.[0]?.message ?? 'Не удалось загрузить файл: попробуйте ещё раз.');
      }
      await onUploaded(file.name);
    } catch (caught) {
      setError(caught instanceof UploadRefused ? caught.message : describeError(caught).message);
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  return (
    <div className="homework-upload">
      <label htmlFor={id} className={`button${busy ? ' button-busy' : ''}`}>
        {busy ? 'Загрузка…' : label}
      </label>
      <input
        id={id}
        type="file"
        className="visually-hidden"
        accept={ACCEPT}
        disabled={busy}
        onChange={(event) => void upload(event)}
      />
      <span className="muted homework-upload-hint">{LIMITS}</span>
      {error && (
        <p className="homework-upload-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A lesson's files. `teacher`: the assignment's files with «Прикрепить файл» and deletion, and every pupil's
 * handed-in work. `diary`: the assignment's files to download and the handed-in work the viewer may read; a
 * learner (`canHandIn`) hands in a file and may delete her own.
 */
export function HomeworkFiles({
  lessonId,
  mode,
  canHandIn = false,
  onHandedIn,
}: {
  lessonId: string;
  mode: 'teacher' | 'diary';
  canHandIn?: boolean;
  onHandedIn?: () => void;
}) {
  const client = useApolloClient();
  // Download links live a few minutes: always asked afresh when the panel opens.
  const query = useData(HOMEWORK_LESSON_FILES, { variables: { lessonId }, fetchPolicy: 'network-only' });
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remove = async (file: HomeworkFileData) => {
    setError(null);
    try {
      await client.mutate({ mutation: DELETE_HOMEWORK_FILE, variables: { id: file.id } });
      setNotice(`Файл «${file.name}» удалён.`);
      await query.refetch();
    } catch (caught) {
      setError(describeError(caught).message);
    }
  };

  return (
    <div className="homework-files">
      <DataState
        loading={query.loading}
        error={query.error}
        data={query.data?.lesson}
        onRetry={() => void query.refetch()}
      >
        {(lesson) => {
          const files = lesson.homework?.files ?? [];
          return (
            <>
              <h3 className="homework-files-title">Файлы задания</h3>
              {files.length ? (
                <ul className="homework-file-list" aria-label="Файлы задания">
                  {files.map((file) => (
                    <FileLink
                      key={file.id}
                      file={file}
                      onDelete={mode === 'teacher' ? () => void remove(file) : undefined}
                    />
                  ))}
                </ul>
              ) : (
                <p className="muted">Файлов нет.</p>
              )}
              {mode === 'teacher' &&
                (lesson.homework ? (
                  <UploadButton
                    lessonId={lessonId}
                    purpose="ASSIGNMENT"
                    label="Прикрепить файл"
                    onUploaded={async (name) => {
                      setNotice(`Файл «${name}» прикреплён к заданию.`);
                      await query.refetch();
                    }}
                  />
                ) : (
                  <p className="muted">Чтобы прикрепить файлы, сначала сохраните текст задания.</p>
                ))}
              {(mode === 'teacher' || lesson.homeworkSubmissions.length > 0 || canHandIn) && (
                <h3 className="homework-files-title">Сданные работы</h3>
              )}
              {lesson.homeworkSubmissions.length > 0 ? (
                <ul className="homework-submissions" aria-label="Сданные работы">
                  {lesson.homeworkSubmissions.map((submission) => (
                    <li key={submission.student.id}>
                      {mode === 'teacher' && <strong>{submission.student.fullName}</strong>}{' '}
                      <span className="muted">сдано {formatDateTime(submission.submittedAt)}</span>
                      {submission.files.length > 0 && (
                        <ul className="homework-file-list">
                          {submission.files.map((file) => (
                            <FileLink
                              key={file.id}
                              file={file}
                              onDelete={mode === 'diary' && canHandIn ? () => void remove(file) : undefined}
                            />
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                (mode === 'teacher' || canHandIn) && <p className="muted">Работ пока нет.</p>
              )}
              {mode === 'diary' && canHandIn && lesson.homework && (
                <UploadButton
                  lessonId={lessonId}
                  purpose="SUBMISSION"
                  label="Сдать работу файлом"
                  onUploaded={async (name) => {
                    setNotice(`Работа «${name}» сдана.`);
                    await query.refetch();
                    onHandedIn?.();
                  }}
                />
              )}
            </>
          );
        }}
      </DataState>
      {notice && <Notice tone="success">{notice}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  );
}

/** The diary's «Файлы» toggle: the panel (and its query) exists only while it is open. */
export function DiaryHomeworkFiles({ lessonId, canHandIn }: { lessonId: string; canHandIn: boolean }) {
  const client = useApolloClient();
  const [open, setOpen] = useState(false);
  return (
    <div className="diary-homework-files">
      <button
        type="button"
        className="button button-ghost diary-homework-files-toggle"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? 'Скрыть файлы' : canHandIn ? 'Файлы и сдача работы' : 'Файлы'}
      </button>
      {open && (
        <HomeworkFiles
          lessonId={lessonId}
          mode="diary"
          canHandIn={canHandIn}
          onHandedIn={() => void client.refetchQueries({ include: ['Diary', 'OverdueHomework'] })}
        />
      )}
    </div>
  );
}
