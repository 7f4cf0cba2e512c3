/**
 * Issue 10 §2, "Done when": a subgraph added by its folder and one registry entry — and no other file —
 * composes, migrates, starts and passes the contract suite. The folder is written here (a throwaway
 * `widgets` subgraph with one module), and the entry is added to this test's registry instance, which
 * every registry-driven function takes as an argument.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS, subgraphEntry, type Registry } from '@region/schema';
import { composeSupergraph } from '@region/schema/compose';
import { registryContract } from '../src/contract.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Inside the repository (in the git-ignored `.data`), so `@region/kit` resolves as from `subgraphs/`.
mkdirSync(join(ROOT, '.data'), { recursive: true });
const dir = mkdtempSync(join(ROOT, '.data', 'registry-test-'));

const files: Record<string, string> = {
  'src/modules/widgets/schema.graphql': `
extend type Query {
  "Изделие по идентификатору."
  widget(id: ID!): Widget
}

extend type Mutation {
  "Добавить изделие; название уникально."
  addWidget(name: String!): Widget!
}

"Изделие: сущность одноразового подграфа теста реестра."
type Widget @key(fields: "id") {
  id: ID!
  name: String!
}
`,
  'src/app.ts': `
import type { Database } from '@region/db';
import { defineSubgraph, loadTypeDefs, PolicyBase, rowLoader, type SubgraphContext } from '@region/kit';
import { sql } from 'drizzle-orm';

interface Widget { id: string; name: string }

function createLoaders(db: Database) {
  return {
    widget: rowLoader<string, Widget>(
      async (ids) => [...(await db.execute(sql\`select id::text, name from widgets.widgets where id in \${ids}\`))] as Widget[],
      (row) => row.id,
    ),
  };
}
type WidgetsContext = SubgraphContext<PolicyBase, ReturnType<typeof createLoaders>>;

const widgetsModule = {
  typeDefs: loadTypeDefs(new URL('./modules/widgets/schema.graphql', import.meta.url)),
  resolvers: {
    Query: {
      widget: (_: unknown, { id }: { id: string }, context: WidgetsContext) => context.loaders.widget.load(id),
    },
    Mutation: {
      addWidget: async (_: unknown, { name }: { name: string }, context: WidgetsContext) => {
        const [row] = await context.db.execute(sql\`insert into widgets.widgets (name) values (\${name}) returning id::text, name\`);
        return row;
      },
    },
    Widget: {
      __resolveReference: (reference: { id: string }, context: WidgetsContext) => context.loaders.widget.load(reference.id),
    },
  },
};

export default defineSubgraph<WidgetsContext>({
  name: 'widgets',
  modules: [widgetsModule],
  policy: (principal) => new PolicyBase(principal),
  loaders: createLoaders,
});
`,
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const widgets = subgraphEntry(
  'widgets',
  4099,
  [{ typename: 'Widget', sample: `insert into widgets.widgets (name) values ('образец') returning id` }],
  dir,
);
const registry: Registry = [...SUBGRAPHS, widgets];

// Its table, as its drizzle migration would bring it; the registry's migration then grants its role.
const platform = registryContract(registry, {
  migration: `
    create schema widgets;
    create table widgets.widgets (id uuid primary key default uuidv7(), name text not null unique);`,
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a subgraph added by its folder and a registry entry', () => {
  it('composes into the supergraph with its entity', () => {
    const supergraph = composeSupergraph(registry);
    expect(supergraph).toMatch(/WIDGETS @join__graph\(name: "widgets"/);
    expect(supergraph).toMatch(/type Widget\s+@join__type\(graph: WIDGETS, key: "id"\)/);
  });

  it('migrates: its role writes its own schema and nothing else', async () => {
    const [privileges] = await platform().admin.sql<
      { own: boolean; create: boolean; people: boolean; otherRoleOnWidgets: boolean }[]
    >`
      select has_table_privilege('widgets_svc', 'widgets.widgets', 'INSERT') as own,
             has_schema_privilege('widgets_svc', 'widgets', 'CREATE') as create,
             has_table_privilege('widgets_svc', 'people.persons', 'INSERT') as people,
             has_table_privilege('people_svc', 'widgets.widgets', 'SELECT') as "otherRoleOnWidgets"`;
    expect(privileges).toEqual({ own: true, create: false, people: false, otherRoleOnWidgets: false });
  });

  it('starts behind the gateway: a query and a mutation reach it with the caller’s token', async () => {
    const added = await platform().query<{ addWidget: { id: string; name: string } }>(
      { login: 'guardian' },
      'mutation ($name: String!) { addWidget(name: $name) { id name } }',
      { name: 'шестерёнка' },
    );
    expect(added.errors).toBeUndefined();
    const read = await platform().query<{ widget: { name: string } }>(
      { login: 'guardian' },
      'query ($id: ID!) { widget(id: $id) { name } }',
      { id: added.data!.addWidget.id },
    );
    expect(read.data?.widget.name).toBe('шестерёнка');
  });

  it('answers a unique violation with CONFLICT from the kit, not an internal error', async () => {
    const add = () => platform().query({ login: 'guardian' }, 'mutation { addWidget(name: "дубликат") { id } }');
    expect((await add()).errors).toBeUndefined();
    const second = await add();
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(second.errors?.[0]?.message).toMatch(/уже есть/);
  });
});
