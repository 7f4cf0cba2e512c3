/** The cabinet's menu; paths are relative to the cabinet's root. */
export const nav = [
  { to: '', label: 'Мои дети' },
  { to: 'children', label: 'Дневник и успеваемость' },
  { to: 'applications', label: 'Заявления' },
  { to: 'extra', label: 'Кружки и секции' },
  { to: 'consents', label: 'Согласия' },
] as const;
