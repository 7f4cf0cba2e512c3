/**
 * Which scopes each field of the supergraph requires, read from the `@access` usages that composition keeps
 * in the supergraph SDL (DESIGN.md, access model). `@apollo/gateway` drops the directive from its API schema,
 * so the SDL text is the only place the gateway can learn them from.
 */
import {
  Kind,
  isTypeDefinitionNode,
  isTypeExtensionNode,
  parse,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type TypeNode,
} from 'graphql';

/** `@access(scopes:)` value: the outer list is OR, each inner list is AND (see `satisfiesScopes`). */
export type Scopes = readonly (readonly string[])[];

/** Required scopes by schema coordinate, `Type.field`. A field absent from the map is open to everyone. */
export type FieldScopes = ReadonlyMap<string, Scopes>;

const ACCESS_SPEC = 'https://specs.region.edu/access/';

interface TypeShape {
  readonly directives: readonly ConstDirectiveNode[];
  readonly fields: readonly FieldDefinitionNode[];
  readonly interfaces: readonly string[];
}

export function readFieldScopes(supergraphSdl: string): FieldScopes {
  const document = parse(supergraphSdl);
  const directive = accessDirectiveName(document);
  const types = typeShapes(document);
  const scopesOf = (directives: readonly ConstDirectiveNode[] = []): Scopes | undefined =>
    directives
      .filter((d) => d.name.value === directive)
      .map(readScopes)
      .reduce<Scopes | undefined>(allOf, undefined);

  // A field requires its own scopes, those of the type it returns (a guarded scalar, enum or object guards
  // every field that yields it) and those of the type it belongs to: without the last, a guarded object
  // reached through an abstract field (`node { ... on MedicalRecord { diagnosis } }`) would leak.
  const own = new Map<string, Scopes>();
  for (const [typeName, type] of types) {
    for (const field of type.fields) {
      const returned = types.get(namedTypeName(field.type));
      const required = [field.directives, returned?.directives, type.directives].map(scopesOf).reduce(allOf, undefined);
      if (required) own.set(`${typeName}.${field.name.value}`, required);
    }
  }

  // An interface field is resolved by whichever object stands behind it, so selecting it through the
  // interface needs the scopes of every implementation, and an implementation needs the interface's own.
  const result = new Map(own);
  const add = (coordinate: string, scopes: Scopes | undefined) => {
    const required = allOf(result.get(coordinate), scopes);
    if (required) result.set(coordinate, required);
  };
  for (const [typeName, type] of types) {
    for (const interfaceName of type.interfaces) {
      const implemented = new Set(types.get(interfaceName)?.fields.map((f) => f.name.value));
      for (const field of type.fields.filter((f) => implemented.has(f.name.value))) {
        add(`${typeName}.${field.name.value}`, own.get(`${interfaceName}.${field.name.value}`));
        add(`${interfaceName}.${field.name.value}`, own.get(`${typeName}.${field.name.value}`));
      }
    }
  }
  return result;
}

/** Both requirements at once: every alternative of one combined with every alternative of the other. */
export function allOf(a: Scopes | undefined, b: Scopes | undefined): Scopes | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.flatMap((left) => b.map((right) => [...new Set([...left, ...right])]));
}

/**
 * The name the supergraph uses for `@access`: the `@link` import may rename it (`{ name: "@access", as: "@x" }`),
 * and reading the wrong name would silently guard nothing.
 */
function accessDirectiveName(document: DocumentNode): string {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      const args = Object.fromEntries((link.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
      if (link.name.value !== 'link' || typeof args.url !== 'string' || !args.url.startsWith(ACCESS_SPEC)) continue;
      for (const entry of Array.isArray(args.import) ? (args.import as unknown[]) : []) {
        if (entry === '@access') return 'access';
        if (isRecord(entry) && entry.name === '@access' && typeof entry.as === 'string') {
          return entry.as.replace(/^@/, '');
        }
      }
    }
  }
  return 'access';
}

function typeShapes(document: DocumentNode): Map<string, TypeShape> {
  const types = new Map<string, TypeShape>();
  for (const definition of document.definitions) {
    if (!isTypeDefinitionNode(definition) && !isTypeExtensionNode(definition)) continue;
    const previous = types.get(definition.name.value);
    const fields = 'fields' in definition ? (definition.fields ?? []) : [];
    types.set(definition.name.value, {
      directives: [...(previous?.directives ?? []), ...(definition.directives ?? [])],
      fields: [...(previous?.fields ?? []), ...fields.filter((f) => f.kind === Kind.FIELD_DEFINITION)],
      interfaces: [
        ...(previous?.interfaces ?? []),
        ...('interfaces' in definition ? (definition.interfaces ?? []).map((i) => i.name.value) : []),
      ],
    });
  }
  return types;
}

function namedTypeName(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeName(type.type);
}

function readScopes(directive: ConstDirectiveNode): Scopes {
  const argument = directive.arguments?.find((a) => a.name.value === 'scopes');
  const value: unknown = argument ? valueFromASTUntyped(argument.value) : undefined;
  // A malformed usage must fail closed: an empty requirement list is satisfied by nobody.
  if (!Array.isArray(value)) return [];
  return value.filter(Array.isArray).map((all: unknown[]) => all.filter((s): s is string => typeof s === 'string'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
