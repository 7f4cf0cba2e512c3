/**
 * The demo's external systems: ЕПГУ for the whole region and a municipal information system. Their
 * client ids are what dev ESIA's `/dev/service-token` issues tokens for.
 */
export const DEMO_SERVICES = [
  {
    clientId: 'epgu',
    name: 'ЕПГУ: приём заявлений (Госуслуги)',
    municipality: null,
    scopes: ['org:read', 'admissions:intake', 'extra:intake'],
  },
  {
    clientId: 'mis-municipality-1',
    name: 'Муниципальная ИС образования, муниципалитет 1',
    municipality: 1,
    scopes: ['org:read', 'admissions:intake', 'aggregate:read', 'reports:read', 'changes:read'],
    // Its persisted operations (issue 14 §1): the contingent of its schools, the not-opened list, the campaign
    // figures and the change feed. Registered and active in the demo, so it runs nothing else.
    manifest: 'manifests/mis-municipality-1.json',
  },
  {
    // The admissions subgraph's own worker: records decided enrolments in the movement book, nothing else.
    clientId: 'admissions-enrolment',
    name: 'Приём: запись зачислений в книгу движения',
    municipality: null,
    scopes: ['org:read', 'movement:write'],
    // Its one operation, the text of `subgraphs/admissions/src/outbox/movement-book-client.ts` byte for byte.
    manifest: 'manifests/admissions-enrolment.json',
  },
  {
    // The extra-education subgraph's worker: records contracts' enrolments and expulsions in the movement book.
    clientId: 'extra-education-enrolment',
    name: 'Дополнительное образование: запись зачислений и отчислений в книгу движения',
    municipality: null,
    scopes: ['org:read', 'movement:write'],
    // Its two operations, the texts of `subgraphs/extra-education/src/outbox/*-client.ts` byte for byte.
    manifest: 'manifests/extra-education-enrolment.json',
  },
  {
    // The learning subgraph's «Моя школа» mart worker (issue 14 §3): reads people's change feed for consent
    // tombstones, nothing else.
    clientId: 'learning-mart',
    name: 'Витрина «Моя школа»: удаления по отзыву согласия',
    municipality: null,
    scopes: ['changes:read'],
    // Its one operation, the text of `subgraphs/learning/src/mart/people-feed.ts` byte for byte.
    manifest: 'manifests/learning-mart.json',
  },
  {
    // The learning subgraph's worker: tells people of marks, absences and homework, to be turned into
    // notifications (issue 15 §1). Nothing to read: the notice carries what people needs.
    clientId: 'learning-notifications',
    name: 'Обучение: уведомления об отметках, пропусках и домашних заданиях',
    municipality: null,
    scopes: ['notifications:write'],
    // Its one operation, the text of `subgraphs/learning/src/outbox/people-client.ts` byte for byte.
    manifest: 'manifests/learning-notifications.json',
  },
  {
    // The admissions subgraph's worker: tells people of applications' status changes, to be turned into the
    // applicant's notifications (issue 15 §1). Apart from `admissions-enrolment`: each account one duty.
    clientId: 'admissions-notifications',
    name: 'Приём: уведомления заявителей об изменении статуса заявления',
    municipality: null,
    scopes: ['notifications:write'],
    // Its one operation, the text of `subgraphs/admissions/src/outbox/application-notice-client.ts` byte for byte.
    manifest: 'manifests/admissions-notifications.json',
  },
] as const;
