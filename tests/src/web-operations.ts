/**
 * The operations the web client sends, by operation name, with the fragments they interpolate resolved — read
 * from its `gql` literals as `clients/web/test/operations.test.ts` does, so a test runs exactly what a
 * person's browser sends.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, visit, type DocumentNode, type FieldNode } from 'graphql';

const WEB_SRC = fileURLToPath(new URL('../../clients/web/src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

let literals: { binding: string | null; text: string }[] | undefined;

function webLiterals() {
  literals ??= sourceFiles(WEB_SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:const\s+(\w+)\b[^;`]*?=\s*)?gql`([^`]*)`/g)].map((match) => ({
      binding: match[1] ?? null,
      text: match[2] ?? '',
    })),
  );
  return literals;
}

/** A literal's document as `gql` builds it: its `${FRAGMENT}` placeholders replaced by the fragments, once each. */
function resolve(text: string): string {
  const byBinding = new Map(webLiterals().flatMap((l) => (l.binding ? [[l.binding, l.text] as const] : [])));
  const fragments = new Map<string, string>();
  const visitText = (part: string) => {
    for (const [, name] of part.matchAll(/\$\{(\w+)\}/g)) {
      if (fragments.has(name!)) continue;
      const fragment = byBinding.get(name!);
      if (fragment === undefined) throw new Error(`\${${name}} is not a gql literal of the web client`);
      fragments.set(name!, fragment.replace(/\$\{\w+\}/g, ''));
      visitText(fragment);
    }
  };
  visitText(text);
  return [text.replace(/\$\{\w+\}/g, ''), ...fragments.values()].join('\n');
}

/** The web client's operation of that name (`query Diary(…)` → `webOperation('Diary')`). */
export function webOperation(name: string): string {
  const matches = webLiterals().filter((l) => new RegExp(`\\b(query|mutation)\\s+${name}\\b`).test(l.text));
  if (matches.length !== 1) throw new Error(`the web client has ${matches.length} operations named ${name}`);
  return resolve(matches[0]!.text);
}

/**
 * One field of a web operation with its selection (`webField('Portfolio', 'portfolio')`), and the fragment
 * definitions it needs, to put the client's selections under another parent (a guardian's children).
 */
export function webField(operation: string, field: string): { field: string; fragments: string } {
  const document: DocumentNode = parse(webOperation(operation));
  let found: FieldNode | undefined;
  visit(document, {
    Field(node) {
      if (node.name.value === field && !found) found = node;
    },
  });
  if (!found) throw new Error(`${operation} has no field ${field}`);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => print(d));
  return { field: print(found), fragments: fragments.join('\n') };
}
