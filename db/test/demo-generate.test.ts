import { isValidInn, isValidSnils } from '@region/schema';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/demo/accounts.ts';
import { addYears, ageOn, DEMO_UTC_OFFSET_HOURS } from '../src/demo/calendar.ts';
import { generateRegion, INVALID_INN_ORGANIZATION } from '../src/demo/generate.ts';
import type { DemoRegion } from '../src/demo/types.ts';
import { normalizeFullName } from '../src/normalize.ts';

const demo = generateRegion({ seed: 1, scale: 1 });
const { rows, catalog, faults } = demo;

const currentEnrolments = (region: DemoRegion) => region.rows.enrolments.filter((enrolment) => !enrolment.endedOn);
const classIdIn = (region: DemoRegion) => (organizationKey: string, name: string) =>
  region.catalog.classes.find(
    (c) => c.organizationKey === organizationKey && c.name === name && c.schoolYear === region.catalog.schoolYear,
  )?.id;

describe('generateRegion', () => {
  it('gives identical rows for the same seed and different rows for another seed', () => {
    expect(generateRegion({ seed: 1, scale: 1 })).toEqual(demo);
    const other = generateRegion({ seed: 2, scale: 1 });
    expect(other.rows.persons.map((p) => p.id)).not.toEqual(rows.persons.map((p) => p.id));
    expect(other.rows.persons.map((p) => p.normalizedName)).not.toEqual(rows.persons.map((p) => p.normalizedName));
  });

  it('builds the demo region: two municipalities, three schools, a kindergarten, a centre and a college each', () => {
    expect(rows.municipalities.map((m) => m.name)).toEqual(['Копейский городской округ', 'Миасский городской округ']);
    const types = rows.organizations.map((o) => o.type);
    expect(types.filter((t) => t === 'SCHOOL')).toHaveLength(6);
    expect(types.filter((t) => t === 'KINDERGARTEN')).toHaveLength(2);
    expect(types.filter((t) => t === 'COLLEGE')).toHaveLength(2);
    expect(rows.organizations.filter((o) => o.pfdoParticipant).map((o) => o.type)).toEqual([
      'EXTRA_EDUCATION',
      'EXTRA_EDUCATION',
    ]);
    expect(faults.studentCards.total).toBeGreaterThan(300);
    expect(faults.studentCards.total).toBeLessThan(1000);
  });

  it('stores SNILS only with a valid check digit and never twice', () => {
    const snils = rows.persons.flatMap((person) => (person.snils ? [person.snils] : []));
    expect(snils.filter((value) => !isValidSnils(value))).toEqual([]);
    expect(new Set(snils).size).toBe(snils.length);
    expect(rows.persons.some((person) => !person.snils)).toBe(true);
  });

  it('registers exactly one organization with a wrong INN', () => {
    expect(rows.organizations.filter((o) => !isValidInn(o.inn)).map((o) => o.id)).toEqual([
      catalog.organizations[INVALID_INN_ORGANIZATION],
    ]);
    expect(faults.invalidInnOrganizations).toEqual([INVALID_INN_ORGANIZATION]);
  });

  it('plants duplicate parents: same normalized name and birth date, one copy without a document', () => {
    const groups = new Map<string, typeof rows.persons>();
    for (const person of rows.persons) {
      const key = `${person.normalizedName}|${person.birthDate}`;
      groups.set(key, [...(groups.get(key) ?? []), person]);
    }
    const duplicates = [...groups.values()].filter((group) => group.length > 1);
    expect(duplicates.length).toBe(faults.duplicateGroups);
    expect(duplicates.length).toBeGreaterThanOrEqual(4);
    const parents = duplicates.filter((group) =>
      group.every((p) => rows.guardianships.some((g) => g.guardianId === p.id)),
    );
    expect(parents.length).toBeGreaterThanOrEqual(3);
    for (const group of parents) expect(group.filter((p) => !p.documentNumber)).toHaveLength(1);
  });

  it('keeps each current enrolment equal to the last movement of its learner', () => {
    const last = new Map<string, (typeof rows.movements)[number]>();
    for (const movement of [...rows.movements].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn))) {
      last.set(movement.personId, movement);
    }
    const current = currentEnrolments(demo);
    expect(new Set(current.map((e) => e.personId)).size).toBe(current.length);
    for (const [personId, movement] of last) {
      const enrolment = current.find((e) => e.personId === personId);
      if (movement.kind === 'ENROL' || movement.kind === 'TRANSFER') {
        expect(enrolment).toMatchObject({ organizationId: movement.organizationId, classId: movement.classId });
      } else {
        expect(enrolment).toBeUndefined();
      }
    }
    expect(current.every((e) => last.has(e.personId))).toBe(true);
    const kinds = new Set(rows.movements.map((m) => m.kind));
    expect([...kinds].sort()).toEqual(['ENROL', 'EXPEL', 'GRADUATE', 'TRANSFER']);
  });

  it('holds only official roles in grants, each with the territory shape the check constraint demands', () => {
    for (const grant of rows.roleGrants) {
      expect(['GUARDIAN', 'STUDENT', 'SERVICE']).not.toContain(grant.role);
      expect(grant.territory === 'MUNICIPALITY').toBe(grant.municipalityId != null);
      expect(['ORGANIZATION', 'CLASS'].includes(grant.territory)).toBe(grant.organizationId != null);
      expect(grant.territory === 'CLASS').toBe(grant.classId != null);
    }
  });

  it('leaves about 10% of student cards, 20% of staff cards and 2% of consents missing', () => {
    expect(faults.studentCards.incomplete / faults.studentCards.total).toBeCloseTo(0.1, 1);
    expect(faults.staffCards.incomplete / faults.staffCards.total).toBeCloseTo(0.2, 1);
    expect(faults.withoutProcessingConsent / rows.persons.length).toBeCloseTo(0.02, 1);
  });

  it('gives roughly twice the students at scale 2', () => {
    const double = generateRegion({ seed: 1, scale: 2 });
    const ratio = double.faults.studentCards.total / faults.studentCards.total;
    expect(ratio).toBeGreaterThan(1.7);
    expect(ratio).toBeLessThan(2.3);
    expect(double.faults.invalidInnOrganizations).toEqual([INVALID_INN_ORGANIZATION]);
  });
});

// 20250901 is the seed of the shared test template (tests/src/constants.ts).
describe.each([1, 2, 20250901])('demo accounts with seed %i', (seed) => {
  const region = seed === 1 ? demo : generateRegion({ seed, scale: 1 });

  it('places every demo account as its platform hint says', () => {
    const { rows, catalog } = region;
    const byId = new Map(rows.persons.map((person) => [person.id, person]));
    for (const account of DEMO_ACCOUNTS) {
      const ids = catalog.accounts[account.login] ?? [];
      const { platform, profile } = account;
      const expectedRecords = platform.kind === 'no-record' ? 0 : platform.kind === 'duplicate-records' ? 2 : 1;
      expect(ids, account.login).toHaveLength(expectedRecords);
      const links = rows.esiaLinks.filter((link) => link.esiaOid === account.oid);
      expect(
        links.map((link) => [link.personId, link.method]),
        account.login,
      ).toEqual(platform.kind === 'linked' ? [[ids[0], 'OID']] : []);
      // The duplicate account's legacy records hold neither SNILS nor document: only name + birth date matches.
      const legacy = platform.kind === 'duplicate-records';
      for (const id of ids) {
        const person = byId.get(id);
        expect(person, account.login).toMatchObject({
          lastName: profile.lastName,
          firstName: profile.firstName,
          middleName: profile.middleName ?? null,
          normalizedName: normalizeFullName(profile.lastName, profile.firstName, profile.middleName),
          birthDate: profile.birthDate,
          sex: profile.gender === 'M' ? 'MALE' : 'FEMALE',
          snils: legacy ? null : profile.snils,
          documentType: legacy ? null : profile.document?.type,
          documentSeries: legacy ? null : profile.document?.series,
          documentNumber: legacy ? null : profile.document?.number,
          documentIssuedOn: legacy ? null : profile.document?.issueDate,
        });
        expect(rows.consents.some((c) => c.personId === id && c.kind === 'PROCESSING')).toBe(true);
      }
      // tests/src/demo-people.ts finds an account's record by normalized name and birth date alone.
      const key = normalizeFullName(profile.lastName, profile.firstName, profile.middleName);
      const namesakes = rows.persons.filter((p) => p.normalizedName === key && p.birthDate === profile.birthDate);
      expect(namesakes.map((p) => p.id).sort(), account.login).toEqual([...ids].sort());
      if (platform.kind === 'no-record') {
        expect(rows.persons.filter((p) => p.snils === profile.snils || p.normalizedName === key)).toEqual([]);
      }
    }
  });

  it('gives each account exactly its roles: grants for official ones, links for GUARDIAN and STUDENT', () => {
    const { rows, catalog } = region;
    const classId = classIdIn(region);
    for (const account of DEMO_ACCOUNTS) {
      const [id] = catalog.accounts[account.login] ?? [];
      if (!id) continue;
      const roles = new Set<string>(rows.roleGrants.filter((g) => g.personId === id).map((g) => g.role));
      if (rows.guardianships.some((g) => g.guardianId === id)) roles.add('GUARDIAN');
      if (currentEnrolments(region).some((e) => e.personId === id)) roles.add('STUDENT');
      expect([...roles].sort(), account.login).toEqual([...account.roles].sort());
      const { platform } = account;
      const grantsOn = (role: string) =>
        rows.roleGrants
          .filter((g) => g.personId === id && g.role === role)
          .map((g) => g.classId)
          .sort();
      if (platform.organization) {
        expect(grantsOn('TEACHER')).toEqual(
          (platform.teaches ?? []).map((name) => classId(platform.organization ?? '', name)).sort(),
        );
        expect(grantsOn('CLASS_TEACHER')).toEqual(
          platform.leadsClass ? [classId(platform.organization, platform.leadsClass)] : [],
        );
      }
      if (platform.className && platform.organization) {
        const [enrolment] = currentEnrolments(region).filter((e) => e.personId === id);
        expect(enrolment?.classId).toBe(classId(platform.organization, platform.className));
        expect(enrolment?.organizationId).toBe(catalog.organizations[platform.organization]);
      }
      const children = rows.guardianships
        .filter((g) => g.guardianId === id)
        .map((g) => g.childId)
        .sort();
      expect(children).toEqual((platform.childrenLogins ?? []).map((login) => catalog.accounts[login]?.[0]).sort());
    }
  });

  it('employs staff accounts where they work, in the position their subject implies', () => {
    const { rows, catalog } = region;
    const positionOf = (login: string) => {
      const [id] = catalog.accounts[login] ?? [];
      return rows.employments.filter((e) => e.personId === id).map((e) => [e.organizationId, e.position]);
    };
    const school = catalog.organizations['school-1-1'];
    expect(positionOf('admin')).toEqual([[school, 'заместитель директора']]);
    expect(positionOf('teacher')).toEqual([[school, 'учитель математики']]);
    expect(positionOf('untrusted')).toEqual([[catalog.organizations['kindergarten-1-1'], 'воспитатель']]);
    expect(positionOf('duplicate')).toEqual([[catalog.organizations['school-1-2'], 'учитель начальных классов']]);
    expect(positionOf('guardian')).toEqual([]);
  });

  it('asks for a parent consent before a minor logs in: granted for the linked teenagers, not for «minor»', () => {
    const { rows, catalog } = region;
    const minorLogin = (login: string) => {
      const [id] = catalog.accounts[login] ?? [];
      return rows.consents.filter((c) => c.personId === id && c.kind === 'MINOR_LOGIN');
    };
    const [guardian] = catalog.accounts.guardian ?? [];
    expect(minorLogin('student').map((c) => c.grantedBy)).toEqual([guardian]);
    expect(minorLogin('student-8b').map((c) => c.grantedBy)).toEqual([guardian]);
    expect(minorLogin('minor')).toEqual([]);
    expect(rows.consentRequests.filter((r) => r.personId === catalog.accounts.minor?.[0])).toEqual([]);
    // Linked children under 14 have no login of their own, so no login consent (rules 3, 5a).
    expect(ageOn(DEMO_ACCOUNTS.find((a) => a.login === 'child-3b')!.profile.birthDate, catalog.asOf)).toBeLessThan(14);
    expect(minorLogin('child-3b')).toEqual([]);
    expect(minorLogin('child-4a')).toEqual([]);
  });

  it('gives MINOR_LOGIN consents and requests only to children of 14–17, granted from the 14th birthday', () => {
    const { rows, catalog } = region;
    const birthOf = new Map(rows.persons.map((person) => [person.id, person.birthDate]));
    // The region's date of a moment (UTC+5): a birthday begins at local midnight.
    const regionDay = (moment: Date) =>
      new Date(moment.getTime() + DEMO_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
    const minorLogins = rows.consents.filter((consent) => consent.kind === 'MINOR_LOGIN');
    expect(minorLogins.length).toBeGreaterThan(10);
    for (const consent of minorLogins) {
      const birthDate = birthOf.get(consent.personId) ?? '';
      const age = ageOn(birthDate, catalog.asOf);
      expect([consent.personId, age >= 14 && age < 18]).toEqual([consent.personId, true]);
      expect(regionDay(consent.grantedAt ?? new Date(0)) >= addYears(birthDate, 14), consent.personId).toBe(true);
    }
    for (const request of rows.consentRequests.filter((r) => r.kind === 'MINOR_LOGIN')) {
      const birthDate = birthOf.get(request.personId) ?? '';
      const age = ageOn(birthDate, catalog.asOf);
      expect([request.personId, age >= 14 && age < 18]).toEqual([request.personId, true]);
      expect(regionDay(request.requestedAt ?? new Date(0)) >= addYears(birthDate, 14), request.personId).toBe(true);
    }
  });
});
