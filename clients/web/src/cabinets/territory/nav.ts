import type { NavItem } from '../module.ts';

/** The cabinet's menu; paths are relative to the cabinet's root. */
export const nav: readonly NavItem[] = [
  { to: '', label: 'Сводка' },
  { to: 'organizations', label: 'Организации' },
  { to: 'not-opened', label: 'Не открыли учебный год' },
  { to: 'campaign', label: 'Приёмная кампания' },
  { to: 'extra', label: 'Дополнительное образование' },
  // Support search reads applicants' personal data: analysts see aggregates only (their page says so).
  { to: 'applications', label: 'Поиск заявления', roles: ['MUNICIPAL_COORDINATOR', 'REGIONAL_OPERATOR'] },
  // ГИР ВУ names learners (issue 12): not an analyst's page; the server refuses analysts too.
  { to: 'military-registration', label: 'ГИР ВУ', roles: ['MUNICIPAL_COORDINATOR', 'REGIONAL_OPERATOR'] },
];
