import { groupLoader, rowLoader } from '@region/kit';
import type { Executor } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import {
  attendanceOfLessons,
  historyOfMarks,
  loadLessons,
  marksOfLessons,
  substitutionsOfLessons,
} from './repository.ts';

export function createJournalLoaders(db: Executor, policy: LearningPolicy) {
  return {
    lesson: rowLoader(
      (ids: readonly string[]) => loadLessons(db, policy, ids),
      (row) => row.id,
    ),
    substitution: rowLoader(
      (ids: readonly string[]) => substitutionsOfLessons(db, ids),
      (row) => row.lessonId,
    ),
    marksOfLesson: groupLoader(
      (ids: readonly string[]) => marksOfLessons(db, policy, ids),
      (row) => row.lessonId ?? '',
    ),
    attendanceOfLesson: groupLoader(
      (ids: readonly string[]) => attendanceOfLessons(db, policy, ids),
      (row) => row.lessonId,
    ),
    markHistory: groupLoader(
      (ids: readonly string[]) => historyOfMarks(db, ids),
      (row) => row.markId,
    ),
  };
}
