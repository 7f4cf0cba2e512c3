/**
 * What the ЕПГУ school portfolio needs (rule 12) and which of it fails for this child, in plain words with
 * what to do — the seed's top complaint is «не находят сведения о своём ребёнке».
 */
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  PortfolioProblemCode,
  PortfolioReadinessQuery,
  PortfolioReadinessQueryVariables,
} from '../../generated/graphql.ts';
import { useData } from '../../api/hooks.ts';
import { DataState, Notice, Section } from '../../ui/kit.tsx';
import '../common/common.css';
import './readiness.css';

type ProblemCode = PortfolioProblemCode;

const READINESS_QUERY: TypedDocumentNode<PortfolioReadinessQuery, PortfolioReadinessQueryVariables> = gql`
  query PortfolioReadiness($personId: ID!) {
    person(id: $personId) {
      id
      fullName
      portfolioReadiness {
        ready
        problems {
          code
          message
          guardian {
            id
            fullName
          }
        }
      }
    }
  }
`;

/**
 * What each problem means for a parent and what to do about it, in the order a parent checks them. Every code
 * has an entry (the type says so), so a condition the server adds cannot silently vanish from the checklist.
 */
const CONDITION_TEXT: Record<ProblemCode, { title: string; todo: string }> = {
  NO_LINKED_GUARDIAN: {
    title: 'Ребёнок связан с родителем в системе',
    todo: 'Обратитесь к секретарю школы с паспортом и свидетельством о рождении ребёнка: вашу карточку свяжут с карточкой ребёнка.',
  },
  CHILD_DEPERSONALIZED: {
    title: 'Есть согласие на обработку персональных данных ребёнка',
    todo: 'Подпишите согласие на обработку персональных данных в школе (или дайте его в разделе «Согласия»).',
  },
  GUARDIAN_DEPERSONALIZED: {
    title: 'Есть согласие родителя на обработку его персональных данных',
    todo: 'Дайте согласие на обработку своих персональных данных в разделе «Согласия» или в школе.',
  },
  CHILD_DATA_INCOMPLETE: {
    title: 'В карточке ребёнка есть ФИО, дата рождения и документ',
    todo: 'Передайте в школу копию свидетельства о рождении или паспорта ребёнка — секретарь дополнит карточку.',
  },
  GUARDIAN_DATA_INCOMPLETE: {
    title: 'В карточке родителя есть ФИО, дата рождения и документ',
    todo: 'Передайте в школу данные своего паспорта: без них сведения о ребёнке не сопоставить с Госуслугами.',
  },
  GUARDIAN_NOT_IN_ESIA: {
    title: 'Родитель входил в систему через Госуслуги',
    todo: 'Родителю нужно один раз войти в систему через Госуслуги — учётная запись сопоставится с карточкой.',
  },
  GUARDIAN_ESIA_MISMATCH: {
    title: 'Данные родителя совпадают с Госуслугами',
    todo: 'Сверьте указанное поле с паспортом: исправьте карточку через секретаря школы или данные на Госуслугах.',
  },
  CHILD_NOT_IN_ESIA: {
    title: 'Ребёнок есть в учётной записи родителя на Госуслугах',
    todo: 'Добавьте ребёнка в раздел «Дети» своей учётной записи на Госуслугах, затем войдите в систему ещё раз.',
  },
  CHILD_ESIA_MISMATCH: {
    title: 'Данные ребёнка совпадают с Госуслугами',
    todo: 'Сверьте указанное поле со свидетельством о рождении или паспортом ребёнка и исправьте его в школе или на Госуслугах.',
  },
};

/** The conditions in the order a parent checks them: the order of `CONDITION_TEXT`. */
const CONDITIONS = (Object.keys(CONDITION_TEXT) as ProblemCode[]).map((code) => ({ code, ...CONDITION_TEXT[code] }));

type Readiness = NonNullable<NonNullable<PortfolioReadinessQuery['person']>['portfolioReadiness']>;

function Checklist({ readiness }: { readiness: Readiness }) {
  return (
    <ol className="readiness-list">
      {CONDITIONS.map((condition) => {
        const problems = readiness.problems.filter((problem) => problem.code === condition.code);
        const met = problems.length === 0;
        return (
          <li key={condition.code} className={met ? 'readiness-met' : 'readiness-failed'} data-code={condition.code}>
            <span className="readiness-icon" aria-hidden="true">
              {met ? '✓' : '!'}
            </span>
            <div>
              <strong>{condition.title}</strong>
              <span className="visually-hidden">{met ? ' — выполнено' : ' — не выполнено'}</span>
              {problems.map((problem, index) => (
                <p key={index} className="readiness-problem">
                  {problem.guardian && <span className="muted">{problem.guardian.fullName}: </span>}
                  {problem.message}
                </p>
              ))}
              {!met && (
                <p className="readiness-todo">
                  <strong>Что сделать:</strong> {condition.todo}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function ReadinessView({ personId }: { personId: string }) {
  const { data, loading, error, refetch } = useData(READINESS_QUERY, { variables: { personId } });
  return (
    <DataState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
      {({ person }) =>
        !person?.portfolioReadiness ? (
          <Notice tone="warning">Сведения недоступны: ребёнок не найден или не связан с вашей учётной записью.</Notice>
        ) : (
          <>
            {person.portfolioReadiness.ready ? (
              <Notice tone="success">
                Все условия выполнены: сведения для школьного портфолио ребёнка передаются в ваш кабинет на Госуслугах.
              </Notice>
            ) : (
              <Notice tone="warning">
                Портфолио не появится на Госуслугах, пока не выполнены условия ниже (
                {person.portfolioReadiness.problems.length}).
              </Notice>
            )}
            <Section title="Условия показа портфолио на Госуслугах">
              <p className="muted">
                Сведения о ребёнке попадают в кабинет родителя на Госуслугах, только когда данные в системе совпадают с
                данными Госуслуг.
              </p>
              <Checklist readiness={person.portfolioReadiness} />
            </Section>
          </>
        )
      }
    </DataState>
  );
}
