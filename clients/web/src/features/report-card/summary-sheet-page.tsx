/**
 * Pages of the сводная ведомость: the school admin's (`/school/summary-sheet/<organizationId>`, any class of the
 * school) and the class teacher's (`/teacher/summary-sheet/<classId>`, the class she leads).
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useData } from '../../api/hooks.ts';
import type {
  SummarySheetClassQuery,
  SummarySheetClassQueryVariables,
  SummarySheetClassesQuery,
  SummarySheetClassesQueryVariables,
} from '../../generated/graphql.ts';
import { DataState, Field, Page } from '../../ui/kit.tsx';
import { SummarySheetView } from './summary-sheet-view.tsx';

const CLASSES_QUERY: TypedDocumentNode<SummarySheetClassesQuery, SummarySheetClassesQueryVariables> = gql`
  query SummarySheetClasses($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      classes {
        id
        name
        grade
        schoolYear
      }
    }
  }
`;

const CLASS_QUERY: TypedDocumentNode<SummarySheetClassQuery, SummarySheetClassQueryVariables> = gql`
  query SummarySheetClass($id: ID!) {
    class(id: $id) {
      id
      name
      schoolYear
      organization {
        id
      }
    }
  }
`;

const byGradeAndName = (a: { grade?: number | null; name: string }, b: { grade?: number | null; name: string }) =>
  (a.grade ?? 0) - (b.grade ?? 0) || a.name.localeCompare(b.name, 'ru');

export function SchoolSummarySheetPage() {
  const { organizationId = '' } = useParams();
  const { data, loading, error, refetch } = useData(CLASSES_QUERY, { variables: { organizationId } });
  const classes = [...(data?.organization?.classes ?? [])].sort(byGradeAndName);
  const [chosen, setChosen] = useState<string | null>(null);
  const current = classes.find((c) => c.id === chosen) ?? classes[0];
  return (
    <Page title={current ? `Сводная ведомость: ${current.name}` : 'Сводная ведомость'}>
      <DataState
        loading={loading}
        error={error}
        data={data?.organization}
        onRetry={() => void refetch()}
        isEmpty={() => classes.length === 0}
        empty="В текущем учебном году в школе нет классов."
      >
        {() => (
          <>
            <div className="sheet-toolbar no-print">
              <Field label="Класс">
                {(props) => (
                  <select {...props} value={current?.id ?? ''} onChange={(event) => setChosen(event.target.value)}>
                    {classes.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            {current && (
              <SummarySheetView
                key={current.id}
                classId={current.id}
                organizationId={organizationId}
                schoolYear={current.schoolYear}
              />
            )}
          </>
        )}
      </DataState>
    </Page>
  );
}

export function ClassSummarySheetPage() {
  const { classId = '' } = useParams();
  const { data, loading, error, refetch } = useData(CLASS_QUERY, { variables: { id: classId } });
  const led = data?.class;
  return (
    <Page title={led ? `Сводная ведомость: ${led.name}` : 'Сводная ведомость'}>
      <DataState
        loading={loading}
        error={error}
        data={led}
        onRetry={() => void refetch()}
        empty="Класс не найден или вам недоступен."
      >
        {(row) => (
          <SummarySheetView classId={row.id} organizationId={row.organization.id} schoolYear={row.schoolYear} />
        )}
      </DataState>
    </Page>
  );
}
