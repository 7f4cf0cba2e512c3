import type { NavItem } from '../module.ts';

/** The cabinet's menu; paths are relative to the cabinet's root. */
export const nav: readonly NavItem[] = [
  { to: '', label: 'Сводка' },
  { to: 'organizations', label: 'Организации' },
  { to: 'not-opened', label: 'Не открыли учебный год' },
  { to: 'campaign', label: 'Приёмная кампания' },
  { to: 'extra', label: 'Дополнительное образование' },
  // Support search reads applicants' personal data: analysts see aggregates only (their page says so).
  { to: 'monitoring', label: 'Мониторинг' },
  { to: 'reports', label: 'Конструктор отчётов' },
  { to: 'oo1', label: 'Форма ОО-1' },
  // Introspection is open to these roles only (the gateway's INTROSPECTION_ROLES): without it GraphiQL has no schema.
  { to: 'graphql', label: 'Запросы GraphQL', roles: ['MINISTRY_ANALYST', 'REGIONAL_OPERATOR'] },
  { to: 'applications', label: 'Поиск заявления', roles: ['MUNICIPAL_COORDINATOR', 'REGIONAL_OPERATOR'] },
  // ГИР ВУ names learners (issue 12): not an analyst's page; the server refuses analysts too.
  { to: 'military-registration', label: 'ГИР ВУ', roles: ['MUNICIPAL_COORDINATOR', 'REGIONAL_OPERATOR'] },
];
