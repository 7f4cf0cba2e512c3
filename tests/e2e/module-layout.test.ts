/**
 * Issue 10 §2, STYLE.md "module layout": in every module `repository.ts` is the only place with SQL. A file
 * under `subgraphs/<name>/src/modules/**` other than a `repository.ts` may import types from `drizzle-orm` and
 * `@region/db` (`Executor`, `Database`, row types) but no values: no SQL builders (`sql`, `eq`, `and`, …), no
 * table objects (`tables`, `learningTables`, …), no `qualified`. Without them a file cannot write SQL; it calls
 * its repository (in the caller's transaction, through an `Executor`). Policy predicates stay in `src/policy.ts`,
 * outside `modules/`. `@region/db/normalize` (pure functions) is not SQL.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SUBGRAPHS_DIR = join(ROOT, 'subgraphs');

/** Files allowed to hold SQL outside a repository, each with the reason. Keep it empty when it can be. */
const ALLOWED: Record<string, string> = {
  'subgraphs/people/src/modules/movement-book/service.ts':
    'issue 10 §2: rewritten in parallel by the movement-book work (issue 15); its SQL moves to repository.ts next',
};

/** The module specifiers whose values are SQL: drizzle itself and the database package's root. */
function isSqlModule(specifier: string): boolean {
  return specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/') || specifier === '@region/db';
}

/** The names a file imports as values (not `import type`, not `{ type X }`) from SQL modules. */
export function sqlValueImports(source: string, fileName = 'file.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      if (!isSqlModule(specifier)) continue;
      const clause = statement.importClause;
      if (!clause) {
        found.push(`${specifier} (side effect)`);
        continue;
      }
      if (clause.isTypeOnly) continue;
      if (clause.name) found.push(`${clause.name.text} from ${specifier}`);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) found.push(`* as ${bindings.name.text} from ${specifier}`);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          if (!element.isTypeOnly) found.push(`${element.name.text} from ${specifier}`);
        }
      }
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      if (isSqlModule(specifier) && !statement.isTypeOnly) found.push(`re-export from ${specifier}`);
    }
  }
  // `await import('drizzle-orm')` would go round the rule as well.
  const dynamic = /import\(\s*['"](drizzle-orm[^'"]*|@region\/db)['"]\s*\)/g;
  for (const match of source.matchAll(dynamic)) found.push(`import(${match[1]})`);
  return found;
}

function moduleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return moduleFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function filesOutsideRepositories(): string[] {
  return readdirSync(SUBGRAPHS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const modules = join(SUBGRAPHS_DIR, entry.name, 'src', 'modules');
      try {
        return moduleFiles(modules);
      } catch {
        return [];
      }
    })
    .map((path) => relative(ROOT, path).split('\\').join('/'))
    .filter((path) => !path.endsWith('/repository.ts'));
}

describe('module layout: SQL only in repository.ts (issue 10 §2)', () => {
  it('finds value imports of SQL builders and tables, not type imports', () => {
    const source = [
      "import { tables, type Executor } from '@region/db';",
      "import type { Database } from '@region/db';",
      "import { and, eq, type SQL } from 'drizzle-orm';",
      "import type { AnyPgColumn } from 'drizzle-orm/pg-core';",
      "import { pgTable } from 'drizzle-orm/pg-core';",
      "import { normalizeFullName } from '@region/db/normalize';",
      "import * as d from 'drizzle-orm';",
      "const lazy = await import('drizzle-orm');",
    ].join('\n');
    expect(sqlValueImports(source)).toEqual([
      'tables from @region/db',
      'and from drizzle-orm',
      'eq from drizzle-orm',
      'pgTable from drizzle-orm/pg-core',
      '* as d from drizzle-orm',
      'import(drizzle-orm)',
    ]);
  });

  it('no module file other than a repository.ts imports SQL builders or tables', () => {
    const files = filesOutsideRepositories();
    expect(files.length).toBeGreaterThan(50);
    const violations = files
      .filter((path) => !(path in ALLOWED))
      .flatMap((path) =>
        sqlValueImports(readFileSync(join(ROOT, path), 'utf8'), path).map((name) => `${path}: ${name}`),
      );
    expect(violations).toEqual([]);
  });

  it('the allow-list names only files that exist and still need it', () => {
    const files = new Set(filesOutsideRepositories());
    for (const path of Object.keys(ALLOWED)) {
      expect(files.has(path), path).toBe(true);
      expect(sqlValueImports(readFileSync(join(ROOT, path), 'utf8'), path), path).not.toEqual([]);
    }
  });
});
