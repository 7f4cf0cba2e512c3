/**
 * The demo's external systems: ЕПГУ for the whole region and a municipal information system. Their
 * client ids are what dev ESIA's `/dev/service-token` issues tokens for.
 */
export const DEMO_SERVICES = [
  { clientId: 'epgu', name: 'ЕПГУ: приём заявлений (Госуслуги)', municipality: null },
  { clientId: 'mis-municipality-1', name: 'Муниципальная ИС образования, муниципалитет 1', municipality: 1 },
] as const;
