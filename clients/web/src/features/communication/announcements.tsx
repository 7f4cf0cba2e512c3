/**
 * Announcements (issue 15 §1): the current ones on a cabinet's first page, and «Объявления» — the form of a
 * school admin, a class teacher or a coordinator with their own announcements. Targets come from the server
 * (`announcementTargets`); the period is region dates, checked by the server.
 */
import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useData } from '../../api/hooks.ts';
import type { AnnouncementAudience } from '../../generated/graphql.ts';
import { addDays, formatDate, regionToday } from '../../ui/format.ts';
import { DataState, ErrorNotice, Field, Notice, Page, Section } from '../../ui/kit.tsx';
import { AUDIENCES } from './labels.ts';
import {
  ANNOUNCEMENT_TARGETS,
  CURRENT_ANNOUNCEMENTS,
  MY_ANNOUNCEMENTS,
  NOTIFICATIONS,
  PUBLISH_ANNOUNCEMENT,
} from './queries.ts';
import './communication.css';

const period = (from: string, to: string) =>
  from === to ? formatDate(from) : `${formatDate(from)} — ${formatDate(to)}`;

/** The announcements reaching the person today; nothing at all when there are none (the page stays compact). */
export function CurrentAnnouncements() {
  const { data, error } = useData(CURRENT_ANNOUNCEMENTS, { fetchPolicy: 'cache-and-network' });
  const id = useId();
  if (error) return <ErrorNotice error={error} />;
  const list = data?.announcements ?? [];
  if (list.length === 0) return null;
  return (
    <section className="announcements" aria-labelledby={id}>
      <h2 id={id}>Объявления</h2>
      <ul>
        {list.map((item) => (
          <li key={item.id} className="announcement">
            <h3>{item.title}</h3>
            <p className="announcement-body">{item.body}</p>
            <p className="muted">
              {item.targetTitle} · {item.authorTitle} · {period(String(item.validFrom), String(item.validTo))}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

const ALL_AUDIENCES = Object.keys(AUDIENCES) as AnnouncementAudience[];

export function AnnouncementsPage() {
  const targets = useData(ANNOUNCEMENT_TARGETS);
  const mine = useData(MY_ANNOUNCEMENTS, { fetchPolicy: 'cache-and-network' });
  const today = regionToday();
  const [target, setTarget] = useState(0);
  const [audiences, setAudiences] = useState<AnnouncementAudience[]>(['GUARDIANS']);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [validFrom, setValidFrom] = useState(today);
  const [validTo, setValidTo] = useState(addDays(today, 7));
  const [done, setDone] = useState(false);
  const [publish, publishing] = useMutation(PUBLISH_ANNOUNCEMENT, {
    refetchQueries: [MY_ANNOUNCEMENTS, CURRENT_ANNOUNCEMENTS, NOTIFICATIONS],
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = targets.data?.announcementTargets[target];
    if (!chosen) return;
    setDone(false);
    void publish({
      variables: {
        input: {
          scope: chosen.scope,
          organizationId: chosen.organizationId,
          classId: chosen.classId,
          municipalityId: chosen.municipalityId,
          audiences,
          title,
          body,
          validFrom,
          validTo,
        },
      },
    })
      .then(() => {
        setDone(true);
        setTitle('');
        setBody('');
      })
      .catch(() => {});
  };

  return (
    <Page title="Объявления">
      <Section title="Новое объявление">
        <DataState
          loading={targets.loading}
          error={targets.error}
          data={targets.data}
          isEmpty={(d) => d.announcementTargets.length === 0}
          empty="Публиковать объявления может администрация школы, классный руководитель или муниципальный координатор."
        >
          {(d) => (
            <form onSubmit={submit}>
              <Field label="Кому">
                {(props) => (
                  <select {...props} value={target} onChange={(event) => setTarget(Number(event.target.value))}>
                    {d.announcementTargets.map((item, index) => (
                      <option key={index} value={index}>
                        {item.title}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <fieldset className="recipient-group">
                <legend>Аудитория</legend>
                {ALL_AUDIENCES.map((audience) => (
                  <label key={audience} className="checkbox">
                    <input
                      type="checkbox"
                      checked={audiences.includes(audience)}
                      onChange={(event) =>
                        setAudiences((current) =>
                          event.target.checked ? [...current, audience] : current.filter((a) => a !== audience),
                        )
                      }
                    />
                    {AUDIENCES[audience]}
                  </label>
                ))}
              </fieldset>
              <Field label="Заголовок">
                {(props) => (
                  <input
                    {...props}
                    value={title}
                    maxLength={200}
                    onChange={(event) => setTitle(event.target.value)}
                    required
                  />
                )}
              </Field>
              <Field label="Текст">
                {(props) => (
                  <textarea
                    {...props}
                    rows={5}
                    value={body}
                    maxLength={5000}
                    onChange={(event) => setBody(event.target.value)}
                    required
                  />
                )}
              </Field>
              <div className="form-row">
                <Field label="Показывать с">
                  {(props) => (
                    <input
                      {...props}
                      type="date"
                      value={validFrom}
                      onChange={(event) => setValidFrom(event.target.value)}
                      required
                    />
                  )}
                </Field>
                <Field label="по (включительно)">
                  {(props) => (
                    <input
                      {...props}
                      type="date"
                      value={validTo}
                      onChange={(event) => setValidTo(event.target.value)}
                      required
                    />
                  )}
                </Field>
              </div>
              {publishing.error ? <ErrorNotice error={publishing.error} /> : null}
              {done && <Notice tone="success">Объявление опубликовано.</Notice>}
              <div className="actions">
                <button type="submit" className="button button-primary" disabled={publishing.loading}>
                  Опубликовать
                </button>
              </div>
            </form>
          )}
        </DataState>
      </Section>
      <Section title="Мои объявления">
        <DataState
          loading={mine.loading}
          error={mine.error}
          data={mine.data}
          isEmpty={(d) => d.myAnnouncements.length === 0}
          empty="Вы ещё не публиковали объявлений."
        >
          {(d) => (
            <ul className="announcements-own">
              {d.myAnnouncements.map((item) => (
                <li key={item.id} className="announcement">
                  <h3>{item.title}</h3>
                  <p className="announcement-body">{item.body}</p>
                  <p className="muted">
                    {item.targetTitle} · {item.audiences.map((a) => AUDIENCES[a].toLowerCase()).join(', ')} ·{' '}
                    {period(String(item.validFrom), String(item.validTo))}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </DataState>
      </Section>
    </Page>
  );
}
