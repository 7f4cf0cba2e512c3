/**
 * «Запросы GraphQL»: GraphiQL for the analysts' own questions (issue 12), bundled with the client (no CDN:
 * the page's CSP allows scripts and workers from the origin only). Requests go through the client's own
 * fetch, so they carry the person's session token and a 401 ends the session as anywhere else; the gateway
 * applies the person's scopes, row scope and the analyst's cost limits to every query.
 * GraphiQL keeps tabs and history in the storage it is given: session storage, like the token, so on a
 * shared school computer the next person does not find the previous one's queries.
 */
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { authorizedFetch } from '../../api/client.ts';
import { Page } from '../../ui/kit.tsx';
import '../../features/reports/reports.css';
import { Lead } from './ui.tsx';

type Fetcher = Parameters<typeof GraphiQL>[0]['fetcher'];

const fetcher: Fetcher = async (params) => {
  const response = await authorizedFetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return (await response.json()) as Record<string, unknown>;
};

const NAMESPACE = 'graphiql:';
const storage: Storage = {
  get length() {
    return sessionStorage.length;
  },
  clear: () => {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(NAMESPACE)) sessionStorage.removeItem(key);
  },
  getItem: (key) => sessionStorage.getItem(NAMESPACE + key),
  setItem: (key, value) => sessionStorage.setItem(NAMESPACE + key, value),
  removeItem: (key) => sessionStorage.removeItem(NAMESPACE + key),
  key: (index) => sessionStorage.key(index),
};

/** The analyst's first query (README): the catalogue, then learners by municipality × grade × gender. */
export const FIRST_QUERY = `# Запросы выполняются с вашими правами: видны только данные вашей территории.
# Ячейки, посчитанные меньше чем по k человекам, скрыты (suppressed: true).
query AnalystFirstQuery {
  reportCatalog {
    minCellSize
    datasets { id title dimensions { id title } measures { id title unit } }
  }
  report(input: { dataset: CONTINGENT, dimensions: [MUNICIPALITY, GRADE, GENDER], measures: [PERSONS] }) {
    columns { title }
    rows { cells { label value suppressed } }
    note
  }
}
`;

export default function GraphiqlPage() {
  return (
    <Page title="Запросы GraphQL">
      <Lead>
        Свои запросы к API платформы с вашими правами. Справа — документация схемы (кнопка «Docs»), запрос выполняется
        кнопкой ▶ или Ctrl+Enter.
      </Lead>
      <div className="graphiql-page" data-graphiql>
        <GraphiQL fetcher={fetcher} storage={storage} defaultQuery={FIRST_QUERY} shouldPersistHeaders={false}>
          {/* The default logo links to GitHub: an offline page names itself instead. */}
          <GraphiQL.Logo>API платформы</GraphiQL.Logo>
        </GraphiQL>
      </div>
    </Page>
  );
}
