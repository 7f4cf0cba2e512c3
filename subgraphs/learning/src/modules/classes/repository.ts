import { learningTables, qualified, type Executor } from '@region/db';
import { and, asc, eq, gt, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { LearningPolicy } from '../../policy.ts';

const { classes, classMembers, subjects, assignments } = learningTables;

export type ClassRow = typeof classes.$inferSelect;
export type SubjectRow = typeof subjects.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;

export function loadClasses(db: Executor, policy: LearningPolicy, ids: readonly string[]) {
  return db
    .select()
    .from(classes)
    .where(and(inArray(classes.id, [...ids]), policy.classesWith('journal:read')));
}

export function classesOfOrganizations(
  db: Executor,
  policy: LearningPolicy,
  organizationIds: readonly string[],
  schoolYear: number,
) {
  return db
    .select()
    .from(classes)
    .where(
      and(
        inArray(classes.organizationId, [...organizationIds]),
        eq(classes.schoolYear, schoolYear),
        policy.classesWith('journal:read'),
      ),
    )
    .orderBy(asc(classes.grade), asc(classes.name));
}

/**
 * Members of classes on a date (joined on or before, not left before) whom the principal may read: every
 * member under a staff grant over the class, only the family's own under a guardian's or a student's.
 */
export function membersOn(db: Executor, policy: LearningPolicy, classIds: readonly string[], on: string) {
  return db
    .select({ classId: classMembers.classId, personId: classMembers.personId })
    .from(classMembers)
    .where(
      and(
        inArray(classMembers.classId, [...classIds]),
        policy.studentsWith(qualified(classMembers.personId), qualified(classMembers.classId)),
        lte(classMembers.joinedOn, on),
        or(isNull(classMembers.leftOn), gt(classMembers.leftOn, on)) as SQL,
      ),
    );
}

/** Every subject: the list is the curriculum's short reference list, the same for the whole region. */
export function allSubjects(db: Executor) {
  return db.select().from(subjects);
}

export function assignmentsOfClasses(db: Executor, classIds: readonly string[]) {
  return db
    .select()
    .from(assignments)
    .where(inArray(assignments.classId, [...classIds]));
}

export function assignmentsOfTeacher(db: Executor, teacherId: string, schoolYear: number) {
  return db
    .select({ assignment: assignments })
    .from(assignments)
    .innerJoin(classes, eq(classes.id, assignments.classId))
    .where(and(eq(assignments.teacherId, teacherId), eq(classes.schoolYear, schoolYear)))
    .orderBy(asc(classes.grade), asc(classes.name))
    .then((rows) => rows.map((row) => row.assignment));
}

export function schoolYearsByIds(db: Executor, ids: readonly string[]) {
  return db
    .select()
    .from(learningTables.schoolYears)
    .where(inArray(learningTables.schoolYears.id, [...ids]));
}

export function schoolYearsOf(db: Executor, organizationIds: readonly string[]) {
  return db
    .select()
    .from(learningTables.schoolYears)
    .where(inArray(learningTables.schoolYears.organizationId, [...organizationIds]));
}
