/**
 * The demo's ПФДО rows (issue 11): certificates, the funding period and the ledger, applications and contracts
 * follow the rules the services enforce (DOMAIN.md rules 19, 19a, 20).
 */
import { EXTRA_APPLICATION_STATUSES } from '@region/schema/enums';
import { describe, expect, it } from 'vitest';
import { addYears, ageOn } from '../src/demo/calendar.ts';
import { generateRegion } from '../src/demo/generate.ts';

const demo = generateRegion({ seed: 1, scale: 1 });
const { rows, catalog, extraEducation: extra } = demo;
const cents = (amount: string | null | undefined) => Math.round(Number(amount ?? '0') * 100);

describe('the demo’s certificates, money, applications and contracts', () => {
  it('issues distinct 10-digit codes to part of the children of 5 to 18, judged on the day of issue', () => {
    const codes = extra.certificates.map((certificate) => certificate.code);
    expect(codes.length).toBeGreaterThan(50);
    expect(codes.every((code) => /^[0-9]{10}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(extra.certificates.map((certificate) => certificate.personId)).size).toBe(codes.length);
    const birthOf = new Map(rows.persons.map((person) => [person.id, person.birthDate]));
    for (const certificate of extra.certificates) {
      const birthDate = birthOf.get(certificate.personId)!;
      expect(certificate.issuedOn >= addYears(birthDate, 5) && certificate.issuedOn < addYears(birthDate, 18)).toBe(
        true,
      );
      expect(certificate.issuedOn < catalog.asOf).toBe(true);
    }
    const epgu = extra.certificates.flatMap((certificate) => (certificate.epguNumber ? [certificate.epguNumber] : []));
    expect(epgu.length).toBeGreaterThan(0);
    expect(new Set(epgu).size).toBe(epgu.length);
  });

  it('gives the guardian login one child with a certificate and one of 5 to 18 without', () => {
    const holders = new Set(extra.certificates.map((certificate) => certificate.personId));
    const [student] = catalog.accounts['student']!;
    const [student8b] = catalog.accounts['student-8b']!;
    expect(holders.has(student!)).toBe(true);
    expect(holders.has(student8b!)).toBe(false);
    const birth = rows.persons.find((person) => person.id === student8b)!.birthDate!;
    expect(ageOn(birth, catalog.asOf)).toBeGreaterThanOrEqual(5);
    expect(ageOn(birth, catalog.asOf)).toBeLessThan(18);
  });

  it('keeps every certificate’s ledger sums non-negative and a contract’s reserve within the credit', () => {
    expect(extra.fundingPeriods).toHaveLength(1);
    const [period] = extra.fundingPeriods;
    const sums = new Map<string, Record<string, number>>();
    for (const entry of extra.ledgerEntries) {
      expect(entry.periodId).toBe(period!.id);
      expect(cents(entry.amount)).toBeGreaterThan(0);
      const sum = sums.get(entry.certificateId) ?? { CREDIT: 0, RESERVE: 0, CHARGE: 0, RELEASE: 0 };
      sum[entry.kind] = (sum[entry.kind] ?? 0) + cents(entry.amount);
      sums.set(entry.certificateId, sum);
    }
    const kinds = new Set(extra.ledgerEntries.map((entry) => entry.kind));
    expect([...kinds].sort()).toEqual(['CHARGE', 'CREDIT', 'RELEASE', 'RESERVE']);
    for (const [certificate, sum] of sums) {
      const reserved = sum.RESERVE! - sum.CHARGE! - sum.RELEASE!;
      const balance = sum.CREDIT! - sum.CHARGE!;
      const available = sum.CREDIT! - sum.RESERVE! + sum.RELEASE!;
      expect({ certificate, ok: reserved >= 0 && balance >= 0 && available >= 0 }).toEqual({ certificate, ok: true });
    }
    // One credit per certificate and period; a certificate issued in the last week waits for it.
    const credits = extra.ledgerEntries.filter((entry) => entry.kind === 'CREDIT').map((entry) => entry.certificateId);
    expect(new Set(credits).size).toBe(credits.length);
    expect(credits.length).toBeLessThan(extra.certificates.length);
  });

  it('concludes certificate contracts only at ПФДО participants, after the credit, with status history to match', () => {
    const participants = new Set(rows.organizations.filter((o) => o.pfdoParticipant).map((o) => o.id));
    const creditOn = new Map(
      extra.ledgerEntries.filter((e) => e.kind === 'CREDIT').map((e) => [e.certificateId, e.createdAt as Date]),
    );
    const byCertificate = extra.contracts.filter((contract) => contract.paymentMethod === 'CERTIFICATE');
    expect(byCertificate.length).toBeGreaterThan(10);
    expect(extra.contracts.some((contract) => contract.paymentMethod === 'BUDGET')).toBe(true);
    expect(extra.contracts.some((contract) => contract.paymentMethod === 'PAID')).toBe(true);
    expect(extra.contracts.some((contract) => contract.endedOn)).toBe(true);
    for (const contract of byCertificate) {
      expect(participants.has(contract.organizationId)).toBe(true);
      expect(creditOn.get(contract.certificateId!)!.toISOString().slice(0, 10) < contract.concludedOn).toBe(true);
    }
    // The latest status of each certificate is ACTUAL exactly when one of its contracts is active.
    const latest = new Map<string, string>();
    for (const change of [...extra.certificateStatusChanges].sort(
      (a, b) => (a.changedAt as Date).getTime() - (b.changedAt as Date).getTime(),
    ))
      latest.set(change.certificateId, change.status);
    const active = new Set(byCertificate.filter((c) => !c.endedOn).map((c) => c.certificateId));
    for (const certificate of extra.certificates)
      expect([certificate.id, latest.get(certificate.id)]).toEqual([
        certificate.id,
        active.has(certificate.id) ? 'ACTUAL' : 'FROZEN',
      ]);
    expect([...latest.values()]).toContain('FROZEN');
    expect([...latest.values()]).toContain('ACTUAL');
  });

  it('has applications in every status with history, refusals with a reason, and places within capacity', () => {
    const statuses = new Set(extra.extraApplications.map((application) => application.status));
    expect([...statuses].sort()).toEqual([...EXTRA_APPLICATION_STATUSES].sort());
    for (const application of extra.extraApplications) {
      const history = extra.extraApplicationStatusHistory.filter((h) => h.applicationId === application.id);
      expect(history[0]).toMatchObject({ fromStatus: null, toStatus: 'SUBMITTED' });
      expect(history.at(-1)!.toStatus).toBe(application.status);
      if (application.status === 'REFUSED') expect(application.refusalReason).toBeTruthy();
    }
    const enrolled = extra.extraApplications.filter((application) => application.status === 'ENROLLED');
    expect(new Set(extra.contracts.map((contract) => contract.applicationId))).toEqual(
      new Set(enrolled.map((application) => application.id)),
    );
    for (const group of extra.groups) {
      const taken =
        extra.contracts.filter((c) => c.groupId === group.id && !c.endedOn).length +
        extra.extraApplications.filter((a) => a.groupId === group.id && a.status === 'ACCEPTED').length;
      expect(taken).toBeLessThanOrEqual(group.capacity);
    }
  });

  it('has a non-participant organization asked to take a certificate', () => {
    const participants = new Set(rows.organizations.filter((o) => o.pfdoParticipant).map((o) => o.id));
    const asked = extra.extraApplications.filter(
      (application) => application.paymentMethod === 'CERTIFICATE' && !participants.has(application.organizationId),
    );
    expect(asked).toHaveLength(1);
    const organization = rows.organizations.find((o) => o.id === asked[0]!.organizationId)!;
    expect(organization.type).toBe('COLLEGE');
    expect(extra.certificates.some((certificate) => certificate.personId === asked[0]!.childId)).toBe(true);
  });

  it('is the same for the same seed, and puts the college’s programme after the catalogue’s', () => {
    const again = generateRegion({ seed: 1, scale: 1 });
    expect(again.extraEducation).toEqual(extra);
    // The catalogue's programmes keep their ids: the college's programme comes after them all.
    const college = catalog.organizations['college-1-1'];
    expect(extra.programmes.at(-1)!.organizationId).toBe(college);
  });
});
