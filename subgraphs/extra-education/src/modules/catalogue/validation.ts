/**
 * Input rules of programmes and groups, pure: each refusal is `BAD_USER_INPUT` naming the field, in words
 * an organization's secretary understands.
 */
import { badInput } from '@region/kit';
import type { PaymentMethod } from '@region/schema';

export interface ProgrammeFields {
  name: string;
  description: string;
  ageFrom: number;
  ageTo: number;
  durationMonths: number;
  hours: number;
  pricePerMonth: string;
  funding: PaymentMethod[];
}

export interface GroupFields {
  name: string;
  schedule: string;
  capacity: number;
  startsOn: string;
  endsOn: string;
}

const MONEY = /^\d{1,10}(\.\d{1,2})?$/;

function intIn(value: number, min: number, max: number, field: string, message: string): void {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(message, field);
}

function text(value: string, max: number, field: string, what: string, required: boolean): string {
  const trimmed = value.trim();
  if (required && !trimmed) throw badInput(`Укажите ${what}.`, field);
  if (trimmed.length > max)
    throw badInput(`${what[0]!.toUpperCase()}${what.slice(1)}: не длиннее ${max} символов.`, field);
  return trimmed;
}

/** Checks a whole programme (after an update is applied to the stored one) and returns it normalized. */
export function validProgramme(fields: ProgrammeFields): ProgrammeFields {
  const name = text(fields.name, 200, 'input.name', 'название программы', true);
  const description = text(fields.description, 4000, 'input.description', 'описание', false);
  intIn(fields.ageFrom, 0, 18, 'input.ageFrom', 'Возраст «от» — целое число лет от 0 до 18.');
  intIn(fields.ageTo, 0, 18, 'input.ageTo', 'Возраст «до» — целое число лет от 0 до 18.');
  if (fields.ageFrom > fields.ageTo) throw badInput('Возраст «от» не может быть больше возраста «до».', 'input.ageTo');
  intIn(fields.durationMonths, 1, 120, 'input.durationMonths', 'Продолжительность — от 1 до 120 месяцев.');
  intIn(fields.hours, 1, 10_000, 'input.hours', 'Объём программы — от 1 до 10 000 часов.');
  if (!MONEY.test(fields.pricePerMonth))
    throw badInput('Стоимость месяца — сумма в рублях, например 1500 или 1500.50.', 'input.pricePerMonth');
  const funding = [...new Set(fields.funding)];
  if (funding.length === 0) throw badInput('Укажите хотя бы один способ оплаты.', 'input.funding');
  const paid = funding.includes('PAID') || funding.includes('CERTIFICATE');
  if (paid && Number(fields.pricePerMonth) <= 0)
    throw badInput('Для платного обучения и обучения по сертификату укажите стоимость месяца.', 'input.pricePerMonth');
  return { ...fields, name, description, funding };
}

/** Checks a whole group and returns it normalized. */
export function validGroup(fields: GroupFields): GroupFields {
  const name = text(fields.name, 100, 'input.name', 'название группы', true);
  const schedule = text(fields.schedule, 500, 'input.schedule', 'расписание', false);
  intIn(fields.capacity, 1, 500, 'input.capacity', 'Вместимость группы — от 1 до 500 мест.');
  if (fields.startsOn > fields.endsOn)
    throw badInput('Дата окончания занятий не может быть раньше даты начала.', 'input.endsOn');
  return { ...fields, name, schedule };
}
