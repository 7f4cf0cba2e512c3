/**
 * The cabinet's menu; paths are relative to the cabinet's root. Each section opens the organization chosen
 * last (`/school/<section>/<organizationId>`), so the item stays highlighted inside the section.
 */
export const nav = [
  { to: 'summary', label: 'Сводка' },
  { to: 'completeness', label: 'Контроль заполнения данных' },
  { to: 'duplicates', label: 'Дубликаты' },
  { to: 'movements', label: 'Книга движения' },
  { to: 'classes', label: 'Классы' },
  { to: 'school-year', label: 'Учебный год' },
  { to: 'summary-sheet', label: 'Сводная ведомость' },
  { to: 'bells', label: 'Звонки' },
  { to: 'admissions', label: 'Приём' },
  { to: 'military-registration', label: 'ГИР ВУ' },
  { to: 'extra', label: 'Кружки и секции' },

  { to: 'reports', label: 'Отчёты' },
  { to: 'oo1', label: 'Форма ОО-1' },
  { to: 'moya-shkola', label: '«Моя школа»' },
] as const;
