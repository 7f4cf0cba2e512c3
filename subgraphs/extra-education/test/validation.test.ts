import { describe, expect, it } from 'vitest';
import { validGroup, validProgramme, type ProgrammeFields } from '../src/modules/catalogue/validation.ts';

const programme: ProgrammeFields = {
  name: ' Робототехника ',
  description: '',
  ageFrom: 7,
  ageTo: 12,
  durationMonths: 9,
  hours: 144,
  pricePerMonth: '1800.50',
  funding: ['PAID', 'CERTIFICATE', 'PAID'],
};

function refusal(run: () => unknown): { code?: unknown; field?: unknown } {
  try {
    run();
  } catch (error) {
    return (error as { extensions: { code?: unknown; field?: unknown } }).extensions;
  }
  throw new Error('expected a refusal');
}

describe('programme input', () => {
  it('trims the name and keeps each payment method once', () => {
    expect(validProgramme(programme)).toMatchObject({ name: 'Робототехника', funding: ['PAID', 'CERTIFICATE'] });
  });

  it('accepts equal age bounds and refuses reversed ones on ageTo', () => {
    expect(validProgramme({ ...programme, ageFrom: 10, ageTo: 10 }).ageTo).toBe(10);
    expect(refusal(() => validProgramme({ ...programme, ageFrom: 13, ageTo: 12 }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.ageTo',
    });
    expect(refusal(() => validProgramme({ ...programme, ageTo: 19 })).field).toBe('input.ageTo');
  });

  it('refuses a price that is not roubles and kopecks, and a free paid programme', () => {
    expect(refusal(() => validProgramme({ ...programme, pricePerMonth: '1,5' })).field).toBe('input.pricePerMonth');
    expect(refusal(() => validProgramme({ ...programme, pricePerMonth: '0' })).field).toBe('input.pricePerMonth');
    expect(validProgramme({ ...programme, pricePerMonth: '0', funding: ['BUDGET'] }).pricePerMonth).toBe('0');
  });
});

describe('group input', () => {
  const group = { name: 'Группа 1', schedule: 'Вт 16:00', capacity: 12, startsOn: '2026-09-01', endsOn: '2027-05-31' };

  it('refuses a period that ends before it starts, and a group of no places', () => {
    expect(refusal(() => validGroup({ ...group, endsOn: '2026-08-31' })).field).toBe('input.endsOn');
    expect(refusal(() => validGroup({ ...group, capacity: 0 })).field).toBe('input.capacity');
    expect(validGroup({ ...group, startsOn: '2026-09-01', endsOn: '2026-09-01' }).capacity).toBe(12);
  });
});
