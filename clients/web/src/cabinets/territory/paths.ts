/** Absolute addresses inside the cabinet: pages link across sections, so relative paths would mislead. */
export const paths = {
  summary: '/territory',
  organizations: '/territory/organizations',
  organization: (id: string) => `/territory/organizations/${id}`,
  notOpened: '/territory/not-opened',
  campaign: (year?: number | null) => `/territory/campaign${year ? `?year=${year}` : ''}`,
};
