/** The cabinet's menu; paths are relative to the cabinet's root. */
export const nav = [
  { to: '', label: 'Расписание' },
  { to: 'classes', label: 'Мои классы' },
] as const;
