/**
 * «Передача в «Моя школа»» (issue 14 §3): how many records the federal system took, which it refused and why,
 * and batches waiting or not delivered. On an organization's page of the territory cabinet (regional operator)
 * and in the school cabinet (the org admin's own); `mart:read`.
 */
import { useData } from '../../api/hooks.ts';
import { Badge, DataState, Notice, Section } from '../../ui/kit.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { MOYA_SHKOLA_REPORT, type MoyaShkolaReport } from './query.ts';

const STATUSES: Record<
  MoyaShkolaReport['batches'][number]['status'],
  { label: string; tone: 'success' | 'warning' | 'error' }
> = {
  DELIVERED: { label: 'доставлен', tone: 'success' },
  PENDING: { label: 'ожидает отправки', tone: 'warning' },
  DEAD: { label: 'не доставлен', tone: 'error' },
};

/** Names of the federal format's record types, as a secretary reads them. */
const RECORD_TYPES: Record<string, string> = {
  CLASS: 'Класс',
  CLASS_MEMBERSHIP: 'Обучающийся в классе',
  LEARNER: 'Обучающийся',
  STUDY_PERIOD: 'Учебный период',
  LESSON: 'Урок',
  MARK: 'Отметка',
  ABSENCE: 'Пропуск',
  EVENT: 'Событие',
};

function Report({ report }: { report: MoyaShkolaReport }) {
  const refusals = report.batches.flatMap((batch) => batch.refusals);
  return (
    <>
      <p className="t-summary">
        Принято записей: <strong>{report.acceptedRecords}</strong>, отклонено: <strong>{report.refusedRecords}</strong>.
        Последняя доставка: {report.lastDeliveredAt ? formatDateTime(report.lastDeliveredAt) : 'не было'}.
      </p>
      {report.pendingBatches > 0 && <Notice tone="info">Пакетов ожидает отправки: {report.pendingBatches}.</Notice>}
      {report.deadBatches > 0 && (
        <Notice tone="error">Пакетов не удалось доставить: {report.deadBatches}. Причина — в таблице пакетов.</Notice>
      )}
      {refusals.length > 0 && (
        <div className="table-wrap">
          <table className="table t-table t-stack">
            <caption>Отклонённые записи (последние пакеты)</caption>
            <thead>
              <tr>
                <th scope="col">Запись</th>
                <th scope="col">Идентификатор</th>
                <th scope="col">Код</th>
                <th scope="col">Причина</th>
              </tr>
            </thead>
            <tbody>
              {refusals.map((refusal) => (
                <tr key={`${refusal.recordType}:${refusal.recordId}:${refusal.code}`}>
                  <th scope="row">{RECORD_TYPES[refusal.recordType] ?? refusal.recordType}</th>
                  <td data-label="Идентификатор">
                    <code>{refusal.recordId}</code>
                  </td>
                  <td data-label="Код">{refusal.code}</td>
                  <td data-label="Причина">{refusal.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="table-wrap">
        <table className="table t-table t-stack">
          <caption>Последние пакеты</caption>
          <thead>
            <tr>
              <th scope="col">Сформирован</th>
              <th scope="col">Состояние</th>
              <th scope="col" className="num">
                Записей
              </th>
              <th scope="col" className="num">
                Принято
              </th>
              <th scope="col" className="num">
                Попыток
              </th>
              <th scope="col">Ошибка</th>
            </tr>
          </thead>
          <tbody>
            {report.batches.map((batch) => (
              <tr key={batch.id}>
                <th scope="row">{formatDateTime(batch.createdAt)}</th>
                <td data-label="Состояние">
                  <Badge tone={STATUSES[batch.status].tone}>{STATUSES[batch.status].label}</Badge>
                </td>
                <td data-label="Записей" className="num">
                  {batch.records}
                </td>
                <td data-label="Принято" className="num">
                  {batch.accepted ?? '—'}
                </td>
                <td data-label="Попыток" className="num">
                  {batch.attempts}
                </td>
                <td data-label="Ошибка">{batch.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function MoyaShkolaSection({ organizationId }: { organizationId: string }) {
  const { data, loading, error, refetch } = useData(MOYA_SHKOLA_REPORT, { variables: { organizationId } });
  return (
    <Section title="Передача в «Моя школа»">
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(loaded) => loaded.moyaShkolaDeliveryReport.batches.length === 0}
        empty="Данные организации в «Моя школа» ещё не передавались."
      >
        {(loaded) => <Report report={loaded.moyaShkolaDeliveryReport} />}
      </DataState>
    </Section>
  );
}
