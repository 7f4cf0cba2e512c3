import { groupLoader } from '@region/kit';
import type { Executor } from '@region/db';
import type { LearningPolicy } from '../../policy.ts';
import {
  assignmentFilesOfLessons,
  lessonKey,
  submissionFilesOfLessons,
  submissionsOfLessons,
  type LessonKey,
} from './repository.ts';

export function createHomeworkFileLoaders(db: Executor, policy: LearningPolicy) {
  return {
    assignmentFiles: groupLoader((keys: readonly LessonKey[]) => assignmentFilesOfLessons(db, keys), lessonKey),
    submissions: groupLoader((keys: readonly LessonKey[]) => submissionsOfLessons(db, policy, keys), lessonKey),
    submissionFiles: groupLoader((keys: readonly LessonKey[]) => submissionFilesOfLessons(db, policy, keys), lessonKey),
  };
}
