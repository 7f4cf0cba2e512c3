/** The login page of the dev ESIA: plain HTML in Russian, no scripts, every value escaped. */
import type { Role } from '@region/schema';
import type { DemoAccount } from '@region/db/demo/accounts';
import type { ReceivedMail } from './mailbox.ts';

const ROLE_LABELS: Record<Role, string> = {
  REGIONAL_OPERATOR: 'Региональный оператор',
  MINISTRY_ANALYST: 'Аналитик министерства',
  MUNICIPAL_COORDINATOR: 'Муниципальный координатор',
  ORG_ADMIN: 'Администратор ОО',
  TEACHER: 'Учитель',
  CLASS_TEACHER: 'Классный руководитель',
  GUARDIAN: 'Родитель',
  STUDENT: 'Обучающийся',
  SERVICE: 'Внешняя система',
};

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; color: #1f2933; background: #f5f7fa; margin: 0; }
  main { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  p.lead { color: #52606d; margin-top: 0; }
  ul { list-style: none; padding: 0; }
  li { display: flex; justify-content: space-between; align-items: center; gap: 1rem; background: #fff;
       border: 1px solid #e4e7eb; border-radius: .5rem; padding: .75rem 1rem; margin-bottom: .5rem; }
  .name { font-weight: 600; }
  .note { color: #3e4c59; }
  .meta { color: #7b8794; font-size: .875rem; }
  button { font: inherit; padding: .4rem 1rem; border: 0; border-radius: .375rem; background: #0d4cd3;
           color: #fff; cursor: pointer; }
  .muted { color: #7b8794; font-size: .875rem; text-align: right; }`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="ru">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body>
</html>`;
}

export interface LoginPageInput {
  accounts: readonly DemoAccount[];
  redirectUri: string;
  state: string | null;
  canSignIn: (account: DemoAccount) => boolean;
}

function accountItem(account: DemoAccount, input: LoginPageInput): string {
  const { lastName, firstName, middleName, trusted } = account.profile;
  const name = [lastName, firstName, middleName].filter(Boolean).join(' ');
  const roles = account.roles.length
    ? account.roles.map((role) => `${ROLE_LABELS[role]} (${role})`).join(', ')
    : 'нет ролей в системе';
  const flags = trusted ? '' : ' · учётная запись не подтверждена';
  const action = input.canSignIn(account)
    ? `<form method="post" action="/login">
        <input type="hidden" name="login" value="${escapeHtml(account.login)}">
        <input type="hidden" name="redirect_uri" value="${escapeHtml(input.redirectUri)}">
        ${input.state === null ? '' : `<input type="hidden" name="state" value="${escapeHtml(input.state)}">`}
        <button type="submit">Войти</button>
      </form>`
    : '<span class="muted">Младше 14 лет: в Госуслуги входит только родитель</span>';
  return `<li>
    <div>
      <div class="name">${escapeHtml(name)}</div>
      <div class="note">${escapeHtml(account.note)}</div>
      <div class="meta">${escapeHtml(account.login)} · ${escapeHtml(roles)}${flags}</div>
    </div>
    ${action}
  </li>`;
}

export function renderLoginPage(input: LoginPageInput): string {
  const target = new URL(input.redirectUri).host;
  return layout(
    'Вход через Госуслуги (разработка)',
    `<h1>Вход через Госуслуги — тестовый стенд</h1>
     <p class="lead">Это учебный поставщик входа ЕСИА для разработки: пароль не нужен, выберите пользователя
     демонстрационного региона. После входа вы вернётесь на ${escapeHtml(target)}.</p>
     <ul>${input.accounts.map((account) => accountItem(account, input)).join('')}</ul>`,
  );
}

export function renderMessagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p class="lead">${escapeHtml(message)}</p>`);
}

/** The development mailbox: every letter the stand-in SMTP relay received, newest first. */
export function renderMailboxPage(letters: readonly ReceivedMail[]): string {
  const items = letters.map(
    (letter) => `<li style="display:block">
      <div class="name">${escapeHtml(letter.subject || '(без темы)')}</div>
      <div class="meta">Кому: ${escapeHtml(letter.to.join(', '))} · от ${escapeHtml(letter.from)} · ${escapeHtml(
        new Date(letter.receivedAt).toLocaleString('ru-RU', { timeZone: 'UTC' }),
      )} UTC</div>
      <p class="note" style="white-space:pre-wrap">${escapeHtml(letter.text)}</p>
    </li>`,
  );
  return layout(
    'Почтовый ящик разработки',
    `<h1>Почтовый ящик разработки</h1>
     <p class="lead">Письма, которые платформа отправила через тестовый SMTP-сервер. Настоящим адресатам они не
     уходят. Обновите страницу, чтобы увидеть новые.</p>
     ${letters.length ? `<ul>${items.join('')}</ul>` : '<p>Писем пока нет.</p>'}`,
  );
}
