/**
 * The deployment's settings the gateway serves at `/config.json`, so one build runs in any region and against
 * any ESIA: where the login page is, and the region's time zone (the server's `REGION_TIME_ZONE`).
 */
export interface ClientConfig {
  esiaLoginUrl: string;
  /** IANA zone the region's moments are shown in (DOMAIN.md, Times). */
  regionTimeZone: string;
}

let loaded: Promise<ClientConfig> | null = null;

/** Fetched once per page load; a failed fetch is retried on the next call. */
export function clientConfig(): Promise<ClientConfig> {
  loaded ??= fetch('/config.json').then(async (response) => {
    if (!response.ok) throw new Error(`config.json answered ${response.status}`);
    return (await response.json()) as ClientConfig;
  });
  loaded.catch(() => {
    loaded = null;
  });
  return loaded;
}
