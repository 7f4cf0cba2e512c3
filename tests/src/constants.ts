/** Password of the subgraph roles in test databases (the roles are cluster-wide, the value is not secret). */
export const TEST_ROLE_PASSWORD = 'region-test';
export const EMPTY_TEMPLATE = 'region_template_empty';
export const DEMO_TEMPLATE = 'region_template_demo';
export const DEMO_SEED = 20250901;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web client, built once per run by the global setup (browser tests serve it through the gateway). */
    webDist: string;
    adminUrl: string;
  }
}
