/**
 * A programme of the organization (issue 11): create a draft, edit it, add groups, publish (needs a group),
 * archive. Each action is one mutation; the API's Russian refusal is shown beside the action.
 */
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import { PROGRAMME_STATUSES, PROGRAMME_STATUS_TONES } from '../../features/extra/labels.ts';
import '../../features/extra/extra.css';
import { formatDate } from '../../ui/format.ts';
import { Badge, DataState, ErrorNotice, Field, Notice, Page, Section, TableWrap } from '../../ui/kit.tsx';
import { NoOrganization } from './programmes.tsx';
import { useExtraBase, useExtraOrganization } from './organization.tsx';
import { EMPTY_PROGRAMME, ProgrammeForm, type ProgrammeValues } from './programme-form.tsx';
import {
  ARCHIVE_PROGRAMME,
  CREATE_GROUP,
  CREATE_PROGRAMME,
  MANAGED_PROGRAMME_QUERY,
  PUBLISH_PROGRAMME,
  UPDATE_PROGRAMME,
  type ManagedProgramme,
} from './queries.ts';

export function NewProgrammePage() {
  const { organization } = useExtraOrganization();
  const base = useExtraBase();
  const navigate = useNavigate();
  const [create, { loading, error }] = useMutation(CREATE_PROGRAMME, { refetchQueries: ['ManagedProgrammes'] });
  if (!organization) return <NoOrganization />;
  return (
    <Page title="Новая программа">
      <p>
        <Link to={base}>← К программам</Link>
      </p>
      <Notice tone="info">
        Программа сохраняется черновиком. В каталоге она появится после того, как вы добавите группу и опубликуете её.
      </Notice>
      <Section title={organization.shortName}>
        <ProgrammeForm
          initial={EMPTY_PROGRAMME}
          pfdoParticipant={null}
          submitLabel="Сохранить черновик"
          busy={loading}
          error={error}
          onSubmit={(input) =>
            void create({ variables: { input: { ...input, organizationId: organization.id } } })
              .then((result) => {
                const id = result.data?.createProgramme.id;
                if (id) navigate(`${base}/programmes/${id}`);
              })
              .catch(() => {})
          }
        />
      </Section>
    </Page>
  );
}

function valuesOf(programme: ManagedProgramme): ProgrammeValues {
  return {
    name: programme.name,
    description: programme.description,
    direction: programme.direction,
    ageFrom: String(programme.ageFrom),
    ageTo: String(programme.ageTo),
    durationMonths: String(programme.durationMonths),
    hours: String(programme.hours),
    pricePerMonth: programme.funding.some((method) => method !== 'BUDGET') ? programme.pricePerMonth : '',
    funding: [...programme.funding],
  };
}

export function ProgrammePage() {
  const { programmeId = '' } = useParams();
  const { data, loading, error, refetch } = useData(MANAGED_PROGRAMME_QUERY, {
    variables: { id: programmeId },
    fetchPolicy: 'cache-and-network',
  });
  const base = useExtraBase();
  const programme = data?.programme ?? undefined;
  return (
    <Page title={programme?.name ?? 'Программа'}>
      <p>
        <Link to={base}>← К программам</Link>
      </p>
      <DataState
        loading={loading}
        error={error}
        data={programme}
        onRetry={() => void refetch()}
        empty="Программа не найдена."
      >
        {(programme) => (
          <>
            <StatusActions programme={programme} />
            <Groups programme={programme} />
            <EditProgramme programme={programme} />
          </>
        )}
      </DataState>
    </Page>
  );
}

function StatusActions({ programme }: { programme: ManagedProgramme }) {
  const [publish, publishing] = useMutation(PUBLISH_PROGRAMME, { refetchQueries: ['ManagedProgrammes'] });
  const [archive, archiving] = useMutation(ARCHIVE_PROGRAMME, { refetchQueries: ['ManagedProgrammes'] });
  const error = publishing.error ?? archiving.error;
  return (
    <Section
      title="Статус"
      actions={<Badge tone={PROGRAMME_STATUS_TONES[programme.status]}>{PROGRAMME_STATUSES[programme.status]}</Badge>}
    >
      {programme.status === 'DRAFT' && (
        <p>
          {programme.groups.length === 0
            ? 'Чтобы опубликовать программу в каталоге, добавьте хотя бы одну группу.'
            : 'Программа готова к публикации: после неё семьи увидят её в каталоге и смогут подать заявление.'}
        </p>
      )}
      {programme.status === 'PUBLISHED' && <p>Программа в каталоге «Кружки и секции».</p>}
      {programme.status === 'ARCHIVED' && (
        <p>Программа снята с публикации; договоры на неё сохраняются, новых заявлений нет.</p>
      )}
      <div className="actions">
        {programme.status === 'DRAFT' && (
          <button
            type="button"
            className="button button-primary"
            disabled={publishing.loading}
            onClick={() => {
              archiving.reset();
              void publish({ variables: { id: programme.id } }).catch(() => {});
            }}
          >
            Опубликовать
          </button>
        )}
        {programme.status !== 'ARCHIVED' && (
          <button
            type="button"
            className="button"
            disabled={archiving.loading}
            onClick={() => {
              publishing.reset();
              void archive({ variables: { id: programme.id } }).catch(() => {});
            }}
          >
            Снять с публикации (в архив)
          </button>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
    </Section>
  );
}

function EditProgramme({ programme }: { programme: ManagedProgramme }) {
  const [update, { loading, error, data }] = useMutation(UPDATE_PROGRAMME);
  if (programme.status === 'ARCHIVED') return null;
  return (
    <Section title="Описание программы">
      {data && !error && <Notice tone="success">Изменения сохранены.</Notice>}
      <ProgrammeForm
        key={programme.id}
        initial={valuesOf(programme)}
        pfdoParticipant={programme.organization.pfdoParticipant}
        submitLabel="Сохранить изменения"
        busy={loading}
        error={error}
        onSubmit={(input) => void update({ variables: { id: programme.id, input } }).catch(() => {})}
      />
    </Section>
  );
}

type GroupErrors = Partial<Record<'name' | 'capacity' | 'startsOn' | 'endsOn', string>>;

function Groups({ programme }: { programme: ManagedProgramme }) {
  const [name, setName] = useState('');
  const [schedule, setSchedule] = useState('');
  const [capacity, setCapacity] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [errors, setErrors] = useState<GroupErrors>({});
  const [added, setAdded] = useState(false);
  const [create, { loading, error, reset }] = useMutation(CREATE_GROUP, {
    refetchQueries: ['ManagedProgramme', 'ManagedProgrammes'],
    awaitRefetchQueries: true,
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    setAdded(false);
    const found: GroupErrors = {};
    if (!name.trim()) found.name = 'Укажите название группы.';
    if (!/^\d+$/.test(capacity.trim()) || Number(capacity) < 1) found.capacity = 'Мест — целое число больше нуля.';
    if (!startsOn) found.startsOn = 'Укажите дату начала занятий.';
    if (!endsOn) found.endsOn = 'Укажите дату окончания.';
    if (startsOn && endsOn && endsOn < startsOn) found.endsOn = 'Окончание не раньше начала.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await create({
        variables: {
          input: {
            programmeId: programme.id,
            name: name.trim(),
            schedule: schedule.trim() || null,
            capacity: Number(capacity),
            startsOn,
            endsOn,
          },
        },
      });
      setAdded(true);
      setName('');
      setSchedule('');
      setCapacity('');
    } catch {
      // Shown under the button.
    }
  };
  return (
    <Section title="Группы">
      {programme.groups.length === 0 ? (
        <p className="empty">Групп пока нет.</p>
      ) : (
        <TableWrap label="Группы программы">
          <table className="table">
            <caption className="visually-hidden">Группы программы «{programme.name}»</caption>
            <thead>
              <tr>
                <th scope="col">Группа</th>
                <th scope="col">Расписание</th>
                <th scope="col">Период</th>
                <th scope="col" className="num">
                  Мест
                </th>
                <th scope="col" className="num">
                  Свободно
                </th>
              </tr>
            </thead>
            <tbody>
              {programme.groups.map((group) => (
                <tr key={group.id}>
                  <th scope="row">{group.name}</th>
                  <td>{group.schedule || '—'}</td>
                  <td>
                    {formatDate(group.startsOn)} — {formatDate(group.endsOn)}
                  </td>
                  <td className="num">{group.capacity}</td>
                  <td className="num">{group.freePlaces}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {programme.status !== 'ARCHIVED' && (
        <form className="extra-form" noValidate onSubmit={(event) => void submit(event)} aria-label="Новая группа">
          <h3>Новая группа</h3>
          {added && <Notice tone="success">Группа добавлена.</Notice>}
          <div className="form-row">
            <Field label="Название группы *" error={errors.name}>
              {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
            </Field>
            <Field label="Расписание" hint="Например: вт, чт 16:00–17:30">
              {(props) => <input {...props} value={schedule} onChange={(event) => setSchedule(event.target.value)} />}
            </Field>
            <Field label="Мест *" error={errors.capacity}>
              {(props) => (
                <input
                  {...props}
                  inputMode="numeric"
                  value={capacity}
                  onChange={(event) => setCapacity(event.target.value)}
                />
              )}
            </Field>
            <Field label="Начало занятий *" error={errors.startsOn}>
              {(props) => (
                <input {...props} type="date" value={startsOn} onChange={(event) => setStartsOn(event.target.value)} />
              )}
            </Field>
            <Field label="Окончание *" error={errors.endsOn}>
              {(props) => (
                <input {...props} type="date" value={endsOn} onChange={(event) => setEndsOn(event.target.value)} />
              )}
            </Field>
          </div>
          {error && <ErrorNotice error={error} />}
          <div className="actions">
            <button type="submit" className="button" disabled={loading}>
              Добавить группу
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}
