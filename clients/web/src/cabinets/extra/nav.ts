import type { NavItem } from '../module.ts';

/** The extra-education organization's cabinet (issue 11); paths are relative to `/extra/`. */
export const nav: readonly NavItem[] = [
  { to: '', label: 'Программы' },
  { to: 'applications', label: 'Заявления' },
  { to: 'contracts', label: 'Договоры' },
  { to: 'catalogue', label: 'Каталог региона' },
];
