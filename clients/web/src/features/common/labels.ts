/** Russian names of the API's enums that the diary, schedule and portfolio show. */
import type * as Schema from '../../generated/graphql.ts';
export type MarkValue = Schema.MarkValue;
export type MarkKind = Schema.MarkKind;
export type AttendanceStatus = Schema.AttendanceStatus;
export type EventKind = Schema.EventKind;

export const MARK_TEXT: Record<MarkValue, string> = {
  TWO: '2',
  THREE: '3',
  FOUR: '4',
  FIVE: '5',
  PASS: 'зач',
  FAIL: 'незач',
  NOT_ATTESTED: 'н/а',
};

/** The number a mark counts as in an average; pass/fail marks do not count. */
export const MARK_NUMBER: Record<MarkValue, number | null> = {
  TWO: 2,
  THREE: 3,
  FOUR: 4,
  FIVE: 5,
  PASS: null,
  FAIL: null,
  NOT_ATTESTED: null,
};

export const MARK_KIND: Record<MarkKind, string> = {
  CURRENT: 'текущая',
  CONTROL: 'контрольная работа',
  PERIOD: 'за учебный период',
  YEAR: 'годовая',
  FINAL: 'итоговая',
};

export const ATTENDANCE: Record<AttendanceStatus, { short: string; text: string; tone: 'error' | 'warning' | 'info' }> =
  {
    ABSENT: { short: 'Н', text: 'Отсутствовал(а) без уважительной причины', tone: 'error' },
    SICK: { short: 'Б', text: 'Болел(а)', tone: 'warning' },
    EXCUSED: { short: 'УП', text: 'Отсутствовал(а) по уважительной причине', tone: 'info' },
    LATE: { short: 'ОП', text: 'Опоздал(а)', tone: 'warning' },
  };

export const EVENT_KIND: Record<EventKind, string> = {
  PARENT_MEETING: 'Родительское собрание',
  CONTROL_WORK: 'Контрольная работа',
  EXCURSION: 'Экскурсия',
  CELEBRATION: 'Праздник',
  COMPETITION: 'Соревнование',
  OTHER: 'Событие',
};
