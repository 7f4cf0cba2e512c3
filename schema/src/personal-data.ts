/**
 * Personal data (152-FZ; DOMAIN.md rules 5 and 7) as the contract knows it: which kinds of fields carry it,
 * the scopes that may read each kind, and how a depersonalized person is shown. The contract test
 * (`schema/test/personal-data-access.test.ts`) runs `personalDataFieldsWithoutAccess` over every subgraph's SDL,
 * so a subgraph that adds a copy of a child's name or address without `@access` fails CI.
 */
import { Kind, parse, type DirectiveNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import type { Scope } from './access.ts';

/** How a depersonalized person's name reads in every response (rule 5). */
export const MASKED_LAST_NAME = 'Обезличено';
export const MASKED_FIRST_NAME = '***';

export interface PersonalDataKind {
  kind: string;
  /** Field names of this kind. */
  fields: RegExp;
  /** Output types whose every appearance is of this kind (a field returning it carries the directive). */
  types?: readonly string[];
  /** `@access` must require at least one of these (alone or with others). */
  scopes: readonly Scope[];
}

export const PERSONAL_DATA_KINDS: readonly PersonalDataKind[] = [
  {
    // Names are read under `person:read` (a teacher names her class), so either scope satisfies the rule.
    kind: 'name',
    fields: /^(lastName|firstName|middleName|fullName|normalizedName|(child|applicant|guardian|parent|student)Name)$/,
    scopes: ['person:read', 'pii:read'],
  },
  { kind: 'birth date', fields: /^(birthDate|childBirthDate|dateOfBirth|placeOfBirth)$/, scopes: ['pii:read'] },
  { kind: 'SNILS', fields: /^(snils|\w+Snils)$/, scopes: ['pii:read'] },
  {
    kind: 'identity document',
    fields: /^(identityDocument|documents|passport\w*|birthCertificate\w*)$/,
    types: ['IdentityDocument'],
    scopes: ['pii:read'],
  },
  { kind: 'address', fields: /^(registrationAddress|residenceAddress|homeAddress)$/, scopes: ['pii:read'] },
  { kind: 'phone', fields: /^(phone|phones|mobilePhone)$/, scopes: ['contacts:read', 'pii:read'] },
  { kind: 'e-mail', fields: /^(email|emails)$/, scopes: ['contacts:read', 'pii:read'] },
];

/**
 * Fields of a personal-data name that are not about a natural person, with the reason. An organization's
 * address, phone and e-mail are public registry data (architecture: organizations are public reference data).
 */
export const NOT_PERSONAL_DATA: Readonly<Record<string, string>> = {
  'Organization.fullName': 'the name of an organization, not of a person',
  'Organization.address': 'the address of a licensed organization is published by the licensing authority',
  'Organization.phone': 'an organization’s contacts are public reference data',
  'Organization.email': 'an organization’s contacts are public reference data',
  'NotificationSetting.email': 'whether notifications also go by e-mail (a flag), not the address',
};

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function accessScopes(directives: readonly DirectiveNode[] | undefined): string[][] | null {
  const access = directives?.find((directive) => directive.name.value === 'access');
  const argument = access?.arguments?.find((arg) => arg.name.value === 'scopes');
  if (!argument || argument.value.kind !== Kind.LIST) return null;
  return argument.value.values.map((inner) =>
    inner.kind === Kind.LIST ? inner.values.map((value) => (value.kind === Kind.STRING ? value.value : '')) : [],
  );
}

export interface AccessViolation {
  /** `Type.field` */
  coordinate: string;
  kind: string;
  message: string;
}

function kindOf(field: FieldDefinitionNode): PersonalDataKind | undefined {
  const type = namedType(field.type);
  return PERSONAL_DATA_KINDS.find((kind) => kind.fields.test(field.name.value) || kind.types?.includes(type));
}

/**
 * Every output field of a personal-data kind in this SDL whose `@access` (on the field or its type) does not
 * require one of the kind's scopes. `@external` fields belong to another subgraph and are checked there.
 */
export function personalDataFieldsWithoutAccess(sdl: string): AccessViolation[] {
  const violations: AccessViolation[] = [];
  for (const definition of parse(sdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    )
      continue;
    const typeName = definition.name.value;
    if (ROOT_TYPES.has(typeName)) continue;
    const typeAccess = accessScopes(definition.directives);
    for (const field of definition.fields ?? []) {
      const coordinate = `${typeName}.${field.name.value}`;
      if (field.directives?.some((directive) => directive.name.value === 'external')) continue;
      if (coordinate in NOT_PERSONAL_DATA) continue;
      const kind = kindOf(field);
      if (!kind) continue;
      const alternatives = accessScopes(field.directives) ?? typeAccess;
      // Every alternative (outer list: OR) must demand one of the kind's scopes, or one alternative lets it out.
      const guarded =
        alternatives !== null &&
        alternatives.length > 0 &&
        alternatives.every((all) => all.some((scope) => (kind.scopes as readonly string[]).includes(scope)));
      if (!guarded)
        violations.push({
          coordinate,
          kind: kind.kind,
          message: `${coordinate} is personal data (${kind.kind}) without @access(scopes: [["${kind.scopes[0]}"]])`,
        });
    }
  }
  return violations;
}
