/** The cabinet's menu; paths are relative to the cabinet's root. */
export const nav = [
  { to: '', label: 'Дневник' },
  { to: 'schedule', label: 'Расписание' },
  { to: 'portfolio', label: 'Портфолио' },
  { to: 'report-card', label: 'Табель' },
  { to: 'extra', label: 'Кружки и секции' },
] as const;
