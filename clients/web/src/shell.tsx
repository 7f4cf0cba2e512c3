/** The signed-in frame: header with the person, the cabinet switcher and sign-out; the cabinet's menu. */
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { Suspense, useEffect, useId, useRef, useState } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { signOut } from './auth/session.ts';
import { CABINET_MODULES } from './cabinets/index.ts';
import { Bell } from './features/communication/bell.tsx';
import { CommunicationNavItems, CommunicationRoutes, hasMessages } from './features/communication/cabinet.tsx';
import { CABINETS, cabinetsOf, grantsFor, ME_QUERY, useMe, type CabinetId, type MeGrant } from './me.tsx';
import { ErrorNotice, Loading, Notice } from './ui/kit.tsx';
import { ROLE_TITLES } from './ui/labels.ts';
import { DataReadsNavItems, DataReadsRoutes } from './features/data-reads/data-reads.tsx';
import type { AcceptDataTransferMutation, AcceptDataTransferMutationVariables } from './generated/graphql.ts';

function describeGrant(grant: MeGrant): string {
  const where =
    grant.organization?.shortName ??
    grant.municipality?.name ??
    (grant.territory === 'REGION' ? 'весь регион' : grant.children?.map((child) => child.fullName).join(', '));
  return where ? `${ROLE_TITLES[grant.role]} — ${where}` : (ROLE_TITLES[grant.role] ?? grant.role);
}

function CabinetSwitcher({ current }: { current: CabinetId | undefined }) {
  const me = useMe();
  const navigate = useNavigate();
  const id = useId();
  const available = cabinetsOf(me.grants);
  if (available.length < 2) return null;
  return (
    <div className="switcher">
      <label htmlFor={id}>Кабинет</label>
      <select id={id} value={current ?? ''} onChange={(event) => navigate(`/${event.target.value}`)}>
        {current === undefined && <option value="">Выберите…</option>}
        {available.map((id) => (
          <option key={id} value={id}>
            {CABINETS.find((cabinet) => cabinet.id === id)?.title}
          </option>
        ))}
      </select>
    </div>
  );
}

function Header({ cabinet }: { cabinet: CabinetId | undefined }) {
  const me = useMe();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        К содержанию
      </a>
      <NavLink to="/" className="brand">
        Образование региона
      </NavLink>
      <CabinetSwitcher current={cabinet} />
      <div className="user">
        {cabinet && hasMessages(me.grants) && <Bell />}
        <span className="user-name">{me.person.fullName}</span>
        <button type="button" className="button button-ghost" onClick={signOut}>
          Выйти
        </button>
      </div>
    </header>
  );
}

/** Moves focus to the page heading after navigation, so a screen reader announces the new page. */
function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [location.pathname]);
}

function CabinetFrame() {
  const { cabinet } = useParams();
  const me = useMe();
  useFocusOnNavigate();
  const id = cabinet as CabinetId;
  if (!cabinetsOf(me.grants).includes(id)) return <Navigate to="/" replace />;
  const module = CABINET_MODULES[id];
  return (
    <div className="app">
      <Header cabinet={id} />
      <div className="app-body">
        <nav className="app-nav" aria-label="Разделы кабинета">
          <ul>
            {module.nav
              .filter((item) => !item.roles || me.grants.some((grant) => item.roles?.includes(grant.role)))
              .map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to ? `/${id}/${item.to}` : `/${id}`} end={item.to === ''}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            <CommunicationNavItems cabinet={id} grants={me.grants} />
            <DataReadsNavItems cabinet={id} grants={me.grants} />
          </ul>
        </nav>
        <main id="main" className="app-main">
          <Suspense fallback={<Loading />}>
            <DataReadsRoutes cabinet={id}>
              <CommunicationRoutes cabinet={id}>
                <module.Routes />
              </CommunicationRoutes>
            </DataReadsRoutes>
          </Suspense>
        </main>
      </div>
    </div>
  );
}

/** `/`: straight into the only cabinet, or a choice when one account holds several roles (rule 5a). */
function ChooseCabinet() {
  const me = useMe();
  const available = cabinetsOf(me.grants);
  const only = available[0];
  useEffect(() => {
    document.title = 'Выбор кабинета — Образование региона';
  }, []);
  if (available.length === 1 && only) return <Navigate to={`/${only}`} replace />;
  return (
    <div className="app">
      <Header cabinet={undefined} />
      <main id="main" className="app-main narrow">
        <h1>Выберите кабинет</h1>
        {available.length === 0 ? (
          <Notice tone="warning">
            У вашей учётной записи нет ролей в системе. Обратитесь в образовательную организацию.
          </Notice>
        ) : (
          <ul className="cabinet-list">
            {available.map((id) => (
              <li key={id}>
                <NavLink to={`/${id}`} className="cabinet-link">
                  <strong>{CABINETS.find((cabinet) => cabinet.id === id)?.title}</strong>
                  {grantsFor(me.grants, id).map((grant, index) => (
                    <span key={index} className="muted">
                      {describeGrant(grant)}
                    </span>
                  ))}
                </NavLink>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}

const ACCEPT_DATA_TRANSFER: TypedDocumentNode<AcceptDataTransferMutation, AcceptDataTransferMutationVariables> = gql`
  mutation AcceptDataTransfer {
    acceptDataTransfer {
      dataTransferConsentRequired
    }
  }
`;

/** Rule 2: consent to transfer personal data is asked once, on the first successful login. */
function DataTransferConsent() {
  const [accept, { loading, error }] = useMutation(ACCEPT_DATA_TRANSFER, { refetchQueries: [ME_QUERY] });
  const [agreed, setAgreed] = useState(false);
  return (
    <main className="standalone" id="main">
      <div className="standalone-card">
        <p className="brand">Образование региона</p>
        <h1>Согласие на передачу персональных данных</h1>
        <p>
          Вы входите впервые. Чтобы показать дневник, журнал и заявления, системе нужно получить ваши данные с портала
          Госуслуг (ФИО, дата рождения, СНИЛС, документ, удостоверяющий личность) и связать их с карточкой в
          образовательной организации.
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={agreed} onChange={(event) => setAgreed(event.target.checked)} />Я согласен(на)
          на передачу моих персональных данных в региональную систему образования
        </label>
        {error && <ErrorNotice error={error} />}
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            disabled={!agreed || loading}
            onClick={() => void accept().catch(() => {})}
          >
            Продолжить
          </button>
          <button type="button" className="button button-ghost" onClick={signOut}>
            Выйти
          </button>
        </div>
      </div>
    </main>
  );
}

export function Shell() {
  const me = useMe();
  if (me.dataTransferConsentRequired) return <DataTransferConsent />;
  return (
    <Routes>
      <Route index element={<ChooseCabinet />} />
      <Route path=":cabinet/*" element={<CabinetFrame />} />
    </Routes>
  );
}
