/** The table behind each kind of learning row, parents before children: the order `seedDemoRegion` inserts in. */
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  assignments,
  attendance,
  bells,
  classes,
  classMembers,
  curriculum,
  events,
  holidays,
  homeworkSubmissions,
  lessons,
  markHistory,
  marks,
  scheduleSlots,
  schoolYears,
  studyPeriods,
  subjects,
  substitutions,
} from '../../learning.ts';
import type { LearningRows } from './types.ts';

export const LEARNING_TABLES: { readonly [K in keyof LearningRows]: PgTable } = {
  schoolYears,
  studyPeriods,
  holidays,
  classes,
  classMembers,
  subjects,
  curriculum,
  assignments,
  scheduleSlots,
  lessons,
  substitutions,
  marks,
  markHistory,
  attendance,
  events,
  homeworkSubmissions,
  bells,
};
