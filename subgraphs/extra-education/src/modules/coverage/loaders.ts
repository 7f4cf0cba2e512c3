/**
 * Coverage figures per area and date, cached per request, one statement per figure for every area of the
 * request (a page of municipalities included): the enrolled in all and by direction, the programmes, the
 * certificates. Keyed by the area and date; the children come with the reference.
 */
import type { Executor } from '@region/db';
import DataLoader from 'dataloader';
import { areaKey, certificatesOf, enrolmentOf, programmesOf } from './repository.ts';
import type { CoverageRef } from './service.ts';

function perArea<T>(fetch: (refs: readonly CoverageRef[]) => Promise<Map<string, T>>) {
  return new DataLoader<CoverageRef, T, string>(
    async (refs) => {
      const found = await fetch(refs);
      return refs.map((ref) => found.get(areaKey(ref))!);
    },
    { cacheKeyFn: areaKey },
  );
}

export function createCoverageLoaders(db: Executor) {
  return {
    coverageEnrolment: perArea((refs) => enrolmentOf(db, refs)),
    coverageProgrammes: perArea((refs) => programmesOf(db, refs)),
    coverageCertificates: perArea((refs) => certificatesOf(db, refs)),
  };
}
