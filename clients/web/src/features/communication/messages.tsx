/**
 * «Сообщения» (issue 15 §1): my threads with unread counts, one thread with a reply, and a new message to
 * recipients the server offers (`messageRecipients`): the page never decides who may be written to.
 */
import { useMutation } from '@apollo/client/react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import type { MessageRecipientsQuery } from '../../generated/graphql.ts';
import { Badge, DataState, ErrorNotice, Field, Notice, Page, Section } from '../../ui/kit.tsx';
import { formatRegionDateTime } from '../common/format.ts';
import { RELATION_GROUPS } from './labels.ts';
import { AttachFiles, MessageFiles, type AttachedFile } from './message-files.tsx';
import {
  MARK_THREAD_READ,
  MESSAGE_RECIPIENTS,
  MESSAGE_THREAD,
  MESSAGE_THREADS,
  NOTIFICATIONS,
  REPLY_TO_THREAD,
  SEND_MESSAGE,
} from './queries.ts';
import './communication.css';

function useBase(): string {
  const { cabinet } = useParams();
  return `/${cabinet}/messages`;
}

function ThreadList() {
  const base = useBase();
  const { data, loading, error, refetch } = useData(MESSAGE_THREADS, { fetchPolicy: 'cache-and-network' });
  const sent = (useLocation().state as { sent?: number } | null)?.sent;
  return (
    <Page
      title="Сообщения"
      actions={
        <Link className="button button-primary" to={`${base}/new`}>
          Написать
        </Link>
      }
    >
      {sent ? <Notice tone="success">Сообщение отправлено (адресатов: {sent}).</Notice> : null}
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(d) => d.messageThreads.length === 0}
        empty="Переписок пока нет."
      >
        {(d) => (
          <>
            {d.unreadMessageCount > 0 && (
              <p className="muted">
                Непрочитанных сообщений: <strong>{d.unreadMessageCount}</strong>
              </p>
            )}
            <ul className="thread-list">
              {d.messageThreads.map((thread) => (
                <li key={thread.id} className={thread.unreadCount > 0 ? 'thread unread' : 'thread'}>
                  <Link to={`${base}/${thread.id}`}>
                    <span className="thread-who">{thread.counterpart.name}</span>
                    <span className="thread-subject">{thread.subject}</span>
                  </Link>
                  {thread.lastMessage && <span className="thread-last muted">{thread.lastMessage}</span>}
                  <span className="thread-meta">
                    <span className="muted">{formatRegionDateTime(String(thread.lastMessageAt))}</span>
                    {thread.unreadCount > 0 && <Badge tone="info">новых: {thread.unreadCount}</Badge>}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </DataState>
    </Page>
  );
}

function ThreadView() {
  const base = useBase();
  const { threadId = '' } = useParams();
  const { data, loading, error, refetch } = useData(MESSAGE_THREAD, {
    variables: { id: threadId },
    fetchPolicy: 'cache-and-network',
  });
  const [markRead] = useMutation(MARK_THREAD_READ, { refetchQueries: [MESSAGE_THREADS, NOTIFICATIONS] });
  const [reply, replying] = useMutation(REPLY_TO_THREAD, { refetchQueries: [MESSAGE_THREADS] });
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<AttachedFile[]>([]);
  const [sent, setSent] = useState(false);
  const unread = data?.messageThread?.unreadCount ?? 0;
  useEffect(() => {
    if (unread > 0) void markRead({ variables: { threadId } }).catch(() => {});
  }, [unread, threadId, markRead]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    void reply({ variables: { threadId, body, fileIds: files.map((file) => file.id) } })
      .then(() => {
        setBody('');
        setFiles([]);
        setSent(true);
      })
      .catch(() => {});
  };
  const thread = data?.messageThread;
  return (
    <Page
      title={thread ? thread.subject : 'Переписка'}
      actions={
        <Link className="button" to={base}>
          Все сообщения
        </Link>
      }
    >
      <DataState
        loading={loading}
        error={error}
        data={thread}
        onRetry={() => void refetch()}
        empty="Переписка не найдена или недоступна."
      >
        {(t) => (
          <>
            <p>
              Собеседник: <strong>{t.counterpart.name}</strong>
            </p>
            <ol className="message-list" aria-label="Сообщения переписки">
              {t.messages.map((message) => (
                <li key={message.id} className={message.mine ? 'message mine' : 'message'}>
                  <p className="message-head">
                    <strong>{message.mine ? 'Вы' : message.author.name}</strong>{' '}
                    <span className="muted">{formatRegionDateTime(String(message.createdAt))}</span>
                  </p>
                  <p className="message-body">
                    {message.body ?? 'Текст скрыт: нет согласия автора на обработку данных.'}
                  </p>
                  <MessageFiles files={message.files} />
                </li>
              ))}
            </ol>
            <Section title="Ответить">
              <form onSubmit={submit}>
                <Field label="Текст ответа">
                  {(props) => (
                    <textarea
                      {...props}
                      rows={4}
                      value={body}
                      onChange={(event) => setBody(event.target.value)}
                      required
                    />
                  )}
                </Field>
                <AttachFiles files={files} onChange={setFiles} />
                {replying.error ? <ErrorNotice error={replying.error} /> : null}
                {sent && <Notice tone="success">Ответ отправлен.</Notice>}
                <div className="actions">
                  <button type="submit" className="button button-primary" disabled={replying.loading || !body.trim()}>
                    Отправить
                  </button>
                </div>
              </form>
            </Section>
          </>
        )}
      </DataState>
    </Page>
  );
}

type Recipient = MessageRecipientsQuery['messageRecipients'][number];

interface Group {
  key: string;
  title: string;
  people: { personId: string; name: string; note: string }[];
}

/** Recipients grouped by relation and class («Родители — 5А»), each person once per group with their children. */
function groupRecipients(rows: readonly Recipient[]): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = `${row.relation}:${row.className ?? ''}`;
    const title = row.className ? `${RELATION_GROUPS[row.relation]} — ${row.className}` : RELATION_GROUPS[row.relation];
    const group = groups.get(key) ?? { key, title, people: [] };
    groups.set(key, group);
    const existing = group.people.find((person) => person.personId === row.personId);
    if (existing) {
      if (row.childName && !existing.note.includes(row.childName)) existing.note += `, ${row.childName}`;
    } else {
      group.people.push({ personId: row.personId, name: row.name, note: row.childName ?? '' });
    }
  }
  return [...groups.values()].sort((a, b) => a.title.localeCompare(b.title, 'ru'));
}

function NewMessage() {
  const base = useBase();
  const navigate = useNavigate();
  const { data, loading, error, refetch } = useData(MESSAGE_RECIPIENTS);
  const groups = useMemo(() => groupRecipients(data?.messageRecipients ?? []), [data]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<AttachedFile[]>([]);
  const [send, sending] = useMutation(SEND_MESSAGE, { refetchQueries: [MESSAGE_THREADS] });

  const toggle = (ids: string[], on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send({
      variables: { input: { recipientIds: [...chosen], subject, body, fileIds: files.map((file) => file.id) } },
    })
      .then(() => navigate(base, { state: { sent: chosen.size } }))
      .catch(() => {});
  };

  return (
    <Page
      title="Новое сообщение"
      actions={
        <Link className="button" to={base}>
          Все сообщения
        </Link>
      }
    >
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(d) => d.messageRecipients.length === 0}
        empty="Вам пока некому написать: адресаты появляются по вашим ролям (классы, дети, школа)."
      >
        {() => (
          <form onSubmit={submit}>
            <p className="hint">
              Каждый адресат получит сообщение в отдельной переписке: никто не увидит, кому ещё вы написали.
            </p>
            {groups.map((group) => {
              const ids = group.people.map((person) => person.personId);
              const all = ids.every((id) => chosen.has(id));
              return (
                <fieldset key={group.key} className="recipient-group">
                  <legend>{group.title}</legend>
                  {ids.length > 1 && (
                    <label className="checkbox">
                      <input type="checkbox" checked={all} onChange={(event) => toggle(ids, event.target.checked)} />
                      Выбрать всех: {group.title.toLowerCase()}
                    </label>
                  )}
                  {group.people.map((person) => (
                    <label key={person.personId} className="checkbox">
                      <input
                        type="checkbox"
                        checked={chosen.has(person.personId)}
                        onChange={(event) => toggle([person.personId], event.target.checked)}
                      />
                      <span>
                        {person.name}
                        {person.note && <span className="muted"> ({person.note})</span>}
                      </span>
                    </label>
                  ))}
                </fieldset>
              );
            })}
            <Field label="Тема">
              {(props) => (
                <input
                  {...props}
                  value={subject}
                  maxLength={200}
                  onChange={(event) => setSubject(event.target.value)}
                  required
                />
              )}
            </Field>
            <Field label="Текст сообщения">
              {(props) => (
                <textarea
                  {...props}
                  rows={6}
                  value={body}
                  maxLength={5000}
                  onChange={(event) => setBody(event.target.value)}
                  required
                />
              )}
            </Field>
            <AttachFiles files={files} onChange={setFiles} />
            {sending.error ? <ErrorNotice error={sending.error} /> : null}
            <div className="actions">
              <button type="submit" className="button button-primary" disabled={sending.loading || chosen.size === 0}>
                Отправить{chosen.size > 0 ? ` (${chosen.size})` : ''}
              </button>
            </div>
          </form>
        )}
      </DataState>
    </Page>
  );
}

/** `/<cabinet>/messages/*`. */
export default function MessagesRoutes() {
  return (
    <Routes>
      <Route index element={<ThreadList />} />
      <Route path="new" element={<NewMessage />} />
      <Route path=":threadId" element={<ThreadView />} />
    </Routes>
  );
}
