import { lazy } from 'react';
import type { CabinetId } from '../me.tsx';
import type { CabinetModule } from './module.ts';
import { nav as extraNav } from './extra/nav.ts';
import { nav as guardianNav } from './guardian/nav.ts';
import { nav as schoolNav } from './school/nav.ts';
import { nav as studentNav } from './student/nav.ts';
import { nav as teacherNav } from './teacher/nav.ts';
import { nav as territoryNav } from './territory/nav.ts';

/** Each cabinet is its own chunk: a parent never downloads the journal grid, a teacher never the queue. */
export const CABINET_MODULES: Record<CabinetId, CabinetModule> = {
  guardian: { nav: guardianNav, Routes: lazy(() => import('./guardian/index.tsx')) },
  student: { nav: studentNav, Routes: lazy(() => import('./student/index.tsx')) },
  teacher: { nav: teacherNav, Routes: lazy(() => import('./teacher/index.tsx')) },
  school: { nav: schoolNav, Routes: lazy(() => import('./school/index.tsx')) },
  extra: { nav: extraNav, Routes: lazy(() => import('./extra/index.tsx')) },
  territory: { nav: territoryNav, Routes: lazy(() => import('./territory/index.tsx')) },
};
