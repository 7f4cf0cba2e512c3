/**
 * Coverage figures per area and date, cached per request: the numerator and the per-direction split share one
 * statement, the programme counts another. Keyed by the area and date; the children come with the reference.
 */
import type { Executor } from '@region/db';
import DataLoader from 'dataloader';
import { certificatesOf, enrolmentOf, programmesOf } from './repository.ts';
import type { CoverageRef } from './service.ts';

const keyOf = (ref: CoverageRef) => `${ref.area}/${ref.areaId}/${ref.on}`;

/** One figure per area: a figure is a statement of its own (the areas of a page are few: the region's municipalities). */
function perArea<T>(compute: (ref: CoverageRef) => Promise<T>) {
  return new DataLoader<CoverageRef, T, string>((refs) => Promise.all(refs.map(compute)), { cacheKeyFn: keyOf });
}

export function createCoverageLoaders(db: Executor) {
  return {
    coverageEnrolment: perArea((ref) => enrolmentOf(db, ref.childIds ?? [], ref.on)),
    coverageProgrammes: perArea((ref) => programmesOf(db, ref)),
    coverageCertificates: perArea((ref) => certificatesOf(db, ref, ref.childIds ?? [])),
  };
}
