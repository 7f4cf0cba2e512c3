export { readFieldScopes, allOf, type FieldScopes, type Scopes } from './field-scopes.ts';
export {
  TooManyRemovedFields,
  filterDocument,
  type FilteredDocument,
  type PathStep,
  type RemovedField,
} from './filter-document.ts';
export { restoreResult } from './restore-result.ts';
export {
  withFieldScopes,
  type FieldScopesOptions,
  type GatewayExecutor,
  type GatewayRequestContext,
} from './executor.ts';
export { gatewayWithFieldScopes, type GatewayInterface } from './gateway.ts';
