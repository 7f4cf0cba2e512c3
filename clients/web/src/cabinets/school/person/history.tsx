/** «История изменений» of a card (DOMAIN.md rule 6): who changed what, when, the old and the new value. */
import { formatSnils } from '@region/schema/identifiers';
import { useState } from 'react';
import { useData } from '../../../api/hooks.ts';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { DataState } from '../../../ui/kit.tsx';
import {
  DOCUMENT_LABELS,
  MOVEMENT_LABELS,
  SEX_LABELS,
  type DocumentType,
  type MovementKind,
  type Sex,
} from '../labels.ts';
import { PERSON_HISTORY_QUERY, type HistoryEntry } from './queries.ts';
import { countryName } from '../../../ui/countries.ts';

const STEP = 20;
/** The API's page limit: the card shows the latest changes, older ones stay in the audit. */
const MOST = 200;

const PERSON_FIELDS: Record<string, string> = {
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество',
  birthDate: 'Дата рождения',
  sex: 'Пол',
  snils: 'СНИЛС',
  citizenship: 'Гражданство',
  placeOfBirth: 'Место рождения',
  registrationAddress: 'Адрес регистрации',
  residenceAddress: 'Адрес проживания',
  phone: 'Телефон',
  email: 'Эл. почта',
  documentType: 'Вид документа',
  documentSeries: 'Серия документа',
  documentNumber: 'Номер документа',
  documentIssuedOn: 'Дата выдачи документа',
  educationForm: 'Форма обучения',
  movementFirst: '«Движение Первых»',
  education: 'Образование',
  merged_into: 'Объединена с другой карточкой',
};

const CONSENTS: Record<string, string> = {
  PROCESSING: 'Согласие на обработку ПДн',
  MINOR_LOGIN: 'Согласие на вход несовершеннолетнего',
};

function whatChanged(entry: HistoryEntry): string {
  switch (entry.entity) {
    case 'person':
      return PERSON_FIELDS[entry.field] ?? entry.field;
    case 'enrolment':
      return 'Книга движения';
    case 'guardianship':
      return 'Законный представитель';
    case 'esia_link':
      return 'Вход через Госуслуги';
    case 'consent':
      return CONSENTS[entry.field] ?? `Согласие (${entry.field})`;
    case 'role_grant':
      return 'Роль в системе';
    default:
      return `${entry.entity}: ${entry.field}`;
  }
}

function describe(field: string, raw: string | null): string {
  if (raw === null) return '—';
  // Plain values come as they are; objects, lists and flags as JSON.
  let value: unknown = raw;
  if (/^[[{"]|^(true|false|null)$/.test(raw)) {
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
  }
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'string') {
    if (field === 'snils' && /^\d{11}$/.test(value)) return formatSnils(value);
    if (field === 'sex' && value in SEX_LABELS) return SEX_LABELS[value as Sex];
    if (field === 'documentType' && value in DOCUMENT_LABELS) return DOCUMENT_LABELS[value as DocumentType];
    if (field === 'citizenship') return countryName(value) ?? value;
    if (value === 'GRANTED') return 'дано';
    if (value === 'WITHDRAWN') return 'отозвано';
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    return value;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['kind'] === 'string' && record['kind'] in MOVEMENT_LABELS) {
      const order = typeof record['orderNumber'] === 'string' ? `, приказ № ${record['orderNumber']}` : '';
      return `${MOVEMENT_LABELS[record['kind'] as MovementKind]}${order}`;
    }
    if ('guardianId' in record) return 'связь с представителем';
    if ('oid' in record) return 'учётная запись связана';
    if ('organizationId' in record) return 'зачисление';
  }
  return String(raw);
}

export function PersonHistory({ personId }: { personId: string }) {
  const [first, setFirst] = useState(STEP);
  const { data, previousData, loading, error, refetch } = useData(PERSON_HISTORY_QUERY, {
    variables: { id: personId, first },
  });
  // Keep the rows on screen while «Показать ещё» loads the longer list.
  const history = (data ?? previousData)?.person?.history;
  return (
    <DataState
      loading={loading}
      error={error}
      data={history}
      onRetry={() => void refetch()}
      isEmpty={(entries) => entries.length === 0}
      empty="Изменений карточки пока не было."
    >
      {(entries) => (
        <>
          <div className="table-wrap">
            <table className="table school-table">
              <thead>
                <tr>
                  <th scope="col">Когда</th>
                  <th scope="col">Что</th>
                  <th scope="col">Было</th>
                  <th scope="col">Стало</th>
                  <th scope="col">Кто</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td data-label="Когда" className="school-nowrap">
                      {formatDateTime(entry.changedAt)}
                    </td>
                    <td data-label="Что">{whatChanged(entry)}</td>
                    <td data-label="Было" className="muted">
                      {describe(entry.field, entry.oldValue)}
                    </td>
                    <td data-label="Стало">{describe(entry.field, entry.newValue)}</td>
                    <td data-label="Кто">{entry.changedBy?.fullName ?? 'система'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {entries.length === first && first < MOST && (
            <button type="button" className="button school-more" onClick={() => setFirst(first + STEP)}>
              Показать ещё
            </button>
          )}
          {entries.length === MOST && <p className="muted">Показаны последние {MOST} изменений.</p>}
        </>
      )}
    </DataState>
  );
}
