/**
 * «Кружки и секции» without signing in (issue 11): the organizations of extra education by municipality, as
 * the regional navigator shows them. A placeholder for the catalogue of programmes; it reads only what the
 * gateway opens to anonymous callers.
 */
import { useState } from 'react';
import { useData } from '../api/hooks.ts';
import { Badge, DataState, Field, Page } from '../ui/kit.tsx';
import { PUBLIC_CATALOGUE_QUERY } from './queries.ts';

/** The anonymous page limit of the gateway (`gateway/src/limits.ts`). */
const PAGE = 50;

export function CataloguePage() {
  const [municipalityId, setMunicipalityId] = useState('');
  const { data, loading, error, refetch } = useData(PUBLIC_CATALOGUE_QUERY, {
    variables: { municipalityId: municipalityId || null, first: PAGE },
  });
  return (
    <Page title="Кружки и секции">
      <p>Организации дополнительного образования региона. Чтобы записать ребёнка, войдите через Госуслуги.</p>
      <Field label="Муниципалитет">
        {(props) => (
          <select {...props} value={municipalityId} onChange={(event) => setMunicipalityId(event.target.value)}>
            <option value="">Все муниципалитеты</option>
            {data?.municipalities.map((municipality) => (
              <option key={municipality.id} value={municipality.id}>
                {municipality.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DataState
        loading={loading}
        error={error}
        data={data}
        onRetry={() => void refetch()}
        isEmpty={(result) => result.organizations.edges.length === 0}
        empty="В этом муниципалитете нет организаций дополнительного образования."
      >
        {(result) => (
          <>
            <p>
              Найдено организаций: {result.organizations.totalCount}
              {result.organizations.totalCount > PAGE ? ` (показаны первые ${PAGE})` : ''}
            </p>
            <ul className="public-list">
              {result.organizations.edges.map(({ node }) => (
                <li key={node.id}>
                  <h2>{node.shortName}</h2>
                  <p>{node.fullName}</p>
                  <p>
                    {node.municipality.name}
                    {node.address ? `, ${node.address}` : ''}
                  </p>
                  {node.pfdoParticipant && <Badge tone="success">Участник ПФДО</Badge>}
                </li>
              ))}
            </ul>
          </>
        )}
      </DataState>
    </Page>
  );
}
