/** The pages around signing in: the start page, the ESIA callback, and the login refusals (rules 1–5a). */
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { Notice } from '../ui/kit.tsx';
import { completeSignIn, redirectToEsia, type CallbackResult } from './esia.ts';
import { signOut, type LoginRefusalCode, type Session } from './session.ts';

function SignInButton({ returnTo }: { returnTo: string }) {
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button-primary button-large"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setFailed(false);
          redirectToEsia(returnTo).catch(() => {
            setBusy(false);
            setFailed(true);
          });
        }}
      >
        Войти через Госуслуги
      </button>
      {failed && <Notice tone="error">Сервис входа недоступен. Попробуйте через несколько минут.</Notice>}
    </>
  );
}

export function SignInPage({ reason }: { reason: Extract<Session, { kind: 'signedOut' }>['reason'] }) {
  const location = useLocation();
  const returnTo = `${location.pathname}${location.search}`;
  useEffect(() => {
    document.title = 'Вход — Образование региона';
  }, []);
  return (
    <main className="standalone" id="main">
      <div className="standalone-card">
        <p className="brand">Образование региона</p>
        <h1>Вход в систему</h1>
        {reason === 'expired' && (
          <Notice tone="warning">
            Сеанс завершён: время входа истекло. Войдите снова — вы вернётесь на ту же страницу.
          </Notice>
        )}
        {reason === 'signedOut' && <Notice tone="success">Вы вышли из системы.</Notice>}
        <p>
          Электронный дневник, журнал, заявления в школы и детские сады, портфолио. Вход — через учётную запись портала
          Госуслуг.
        </p>
        <SignInButton returnTo={returnTo === '/auth/callback' ? '/' : returnTo} />
        <p>
          Кружки и секции для детей можно посмотреть без входа: <Link to="/catalogue">Кружки и секции</Link>.
        </p>
      </div>
    </main>
  );
}

// The callback is read once per page load (React's strict mode renders twice; the state is single-use).
let callback: CallbackResult | undefined;

export function CallbackPage() {
  const [result] = useState<CallbackResult>(() => (callback ??= completeSignIn(window.location.hash)));
  if (result.ok) return <Navigate to={result.returnTo} replace />;
  return (
    <main className="standalone" id="main">
      <div className="standalone-card">
        <h1>Вход не выполнен</h1>
        <Notice tone="error">{result.message}</Notice>
        <SignInButton returnTo="/" />
      </div>
    </main>
  );
}

/** `action` labels the page's one button when signing in again is not the way forward. */
const REFUSALS: Record<LoginRefusalCode, { title: string; steps: string[]; action?: string }> = {
  ACCOUNT_NOT_LINKED: {
    title: 'Учётная запись Госуслуг не связана с карточкой в системе',
    steps: [
      'Проверьте на Госуслугах, что учётная запись подтверждена, а ФИО, дата рождения, СНИЛС и паспорт указаны верно.',
      'Обратитесь в школу или детский сад (к ответственному за электронный журнал) с паспортом и СНИЛС: сотрудник сверит вашу карточку с данными Госуслуг.',
      'После исправления карточки войдите снова — связь установится автоматически.',
    ],
  },
  CONSENT_REQUIRED: {
    title: 'Нужно согласие родителя',
    steps: [
      'Несовершеннолетний входит в систему только с согласия родителя (законного представителя).',
      'Запрос уже отправлен: родителю нужно войти в свой кабинет и подтвердить вход в разделе «Согласия» (запрос виден и на странице «Мои дети»).',
      'После этого войдите снова.',
    ],
  },
  DUPLICATE_RECORDS: {
    title: 'В системе несколько карточек с вашими данными',
    steps: [
      'Найдено несколько карточек с одинаковыми ФИО и датой рождения, поэтому система не может выбрать, с какой связать вход.',
      'Сообщите об этом в школу или детский сад: администратор объединит дубликаты в разделе «Дубликаты».',
      'После объединения войдите снова.',
    ],
  },
  // Rule 5a: ESIA gives a child an own account from 14; the platform judges the age by the card's birth date,
  // so a child who got here with an ESIA token is either under 14 or has a wrong birth date in the card.
  CHILD_UNDER_14: {
    title: 'Свой вход у ребёнка — с 14 лет',
    steps: [
      'До 14 лет у ребёнка нет своего входа: дневник, расписание, оценки и портфолио ребёнка видит родитель (законный представитель) в своём кабинете. Родителю нужно выйти отсюда и войти через свою учётную запись Госуслуг.',
      'С 14 лет ребёнок регистрируется на Госуслугах сам, а родитель в своём кабинете, в разделе «Согласия», разрешает ему вход — тогда ребёнок входит со своей учётной записью.',
      'Если ребёнку уже исполнилось 14 лет, значит, в его карточке в системе указана неверная дата рождения: обратитесь в школу или детский сад со свидетельством о рождении или паспортом ребёнка, чтобы её исправили.',
    ],
    action: 'Выйти',
  },
};

export function RefusalPage({ code, message }: { code: LoginRefusalCode; message: string }) {
  const refusal = REFUSALS[code];
  useEffect(() => {
    document.title = `${refusal.title} — Образование региона`;
  }, [refusal.title]);
  return (
    <main className="standalone" id="main">
      <div className="standalone-card" data-refusal={code}>
        <p className="brand">Образование региона</p>
        <h1>{refusal.title}</h1>
        {message && <Notice tone="warning">{message}</Notice>}
        <h2>Что делать</h2>
        <ol className="steps">
          {refusal.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <div className="actions">
          <button type="button" className="button button-primary" onClick={signOut}>
            {refusal.action ?? 'Выйти и войти снова'}
          </button>
        </div>
      </div>
    </main>
  );
}
