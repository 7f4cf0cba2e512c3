/**
 * «Дубликаты» (DOMAIN.md rule 8): groups of cards that look like one person, each record with its key
 * data and last login; the admin keeps one and merges another into it after a confirmation.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useData } from '../../../api/hooks.ts';
import { DataState, Notice, Page, PagerControls, usePager } from '../../../ui/kit.tsx';
import { personPath, useOrganization } from '../organization.tsx';
import { DuplicateGroup } from './group.tsx';
import { DUPLICATES_QUERY } from './queries.ts';

export function DuplicatesPage() {
  const organization = useOrganization();
  const pager = usePager(10);
  const [merged, setMerged] = useState<{ id: string; fullName: string } | null>(null);
  const { data, loading, error, refetch } = useData(DUPLICATES_QUERY, {
    variables: { organizationId: organization.id, first: pager.first, after: pager.after },
  });
  return (
    <Page title="Дубликаты">
      <p className="muted school-lead">
        Карточки с одинаковыми ФИО и датой рождения. Один человек — одна карточка: выберите, какую оставить, и
        объедините. Обычно оставляют ту, с которой человек входит через Госуслуги.
      </p>
      {merged && (
        <Notice tone="success">
          <span>
            Карточки объединены. Сохранена карточка{' '}
            <Link to={personPath('duplicates', organization.id, merged.id)}>{merged.fullName}</Link>.
          </span>
        </Notice>
      )}
      <DataState
        loading={loading}
        error={error}
        data={data?.duplicates}
        onRetry={() => void refetch()}
        isEmpty={(loaded) => loaded.edges.length === 0 && pager.page === 1}
        empty="Дубликатов не найдено."
      >
        {(loaded) => (
          <>
            {loaded.edges.map(({ node }) => (
              <DuplicateGroup
                key={node.persons.map((person) => person.id).join()}
                group={node}
                onMerged={(kept) => {
                  setMerged(kept);
                  void refetch();
                }}
              />
            ))}
            <PagerControls pager={pager} pageInfo={loaded.pageInfo} shown={loaded.edges.length} />
          </>
        )}
      </DataState>
    </Page>
  );
}
