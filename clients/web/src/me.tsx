/** Who is signed in: their card, their role grants (with territory) and the cabinets those grants open. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { MeQuery, MeQueryVariables, Role as SchemaRole } from './generated/graphql.ts';
import { useData } from './api/hooks.ts';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { DataState } from './ui/kit.tsx';

export type Role = SchemaRole;

export type MeGrant = MeQuery['me']['grants'][number];

export type MeData = MeQuery;

export const ME_QUERY: TypedDocumentNode<MeQuery, MeQueryVariables> = gql`
  query Me {
    me {
      person {
        id
        fullName
        lastName
        firstName
        middleName
      }
      grants {
        role
        territory
        municipality {
          id
          name
        }
        organization {
          id
          shortName
          type
        }
        classId
        children {
          id
          fullName
        }
      }
      consentRequests {
        id
      }
      dataTransferConsentRequired
    }
  }
`;

export type CabinetId = 'guardian' | 'student' | 'teacher' | 'school' | 'extra' | 'territory';

/** An administrator's grant on an extra-education organization (issue 11): its own cabinet, not a school's. */
export function isExtraEducationAdmin(grant: MeGrant): boolean {
  return grant.role === 'ORG_ADMIN' && grant.organization?.type === 'EXTRA_EDUCATION';
}

/**
 * The cabinets in the order the switcher lists them; each opens for any of its roles, and `accepts` narrows a
 * role by its grant (an ORG_ADMIN of a centre of extra education has no classes, movement book or admissions).
 */
export const CABINETS: readonly {
  id: CabinetId;
  title: string;
  roles: readonly Role[];
  accepts?: (grant: MeGrant) => boolean;
}[] = [
  { id: 'teacher', title: 'Учитель', roles: ['TEACHER', 'CLASS_TEACHER'] },
  {
    id: 'school',
    title: 'Администрация школы',
    roles: ['ORG_ADMIN'],
    accepts: (grant) => !isExtraEducationAdmin(grant),
  },
  { id: 'extra', title: 'Дополнительное образование', roles: ['ORG_ADMIN'], accepts: isExtraEducationAdmin },
  { id: 'territory', title: 'Координатор', roles: ['MUNICIPAL_COORDINATOR', 'REGIONAL_OPERATOR', 'MINISTRY_ANALYST'] },
  { id: 'guardian', title: 'Родитель', roles: ['GUARDIAN'] },
  { id: 'student', title: 'Ученик', roles: ['STUDENT'] },
];

function opens(cabinet: (typeof CABINETS)[number], grant: MeGrant): boolean {
  return cabinet.roles.includes(grant.role) && (cabinet.accepts?.(grant) ?? true);
}

export function cabinetsOf(grants: readonly MeGrant[]): CabinetId[] {
  return CABINETS.filter((cabinet) => grants.some((grant) => opens(cabinet, grant))).map((cabinet) => cabinet.id);
}

export function grantsFor(grants: readonly MeGrant[], cabinet: CabinetId): MeGrant[] {
  const entry = CABINETS.find((candidate) => candidate.id === cabinet);
  return entry ? grants.filter((grant) => opens(entry, grant)) : [];
}

const MeContext = createContext<MeData['me'] | null>(null);

export function MeProvider({ children }: { children: ReactNode }) {
  const { data, loading, error, refetch } = useData(ME_QUERY, { fetchPolicy: 'network-only' });
  // Once loaded, the frame never goes back to a spinner: a page that asks `me` for other fields rewrites
  // the cached object, and the shell must not unmount the page over it.
  const [me, setMe] = useState<MeData['me'] | undefined>(undefined);
  useEffect(() => {
    if (data) setMe(data.me);
  }, [data]);
  const current = data?.me ?? me;
  if (current) return <MeContext.Provider value={current}>{children}</MeContext.Provider>;
  return (
    <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
      {(loaded) => <MeContext.Provider value={loaded.me}>{children}</MeContext.Provider>}
    </DataState>
  );
}

export function useMe(): MeData['me'] {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside MeProvider');
  return me;
}
