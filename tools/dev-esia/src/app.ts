/**
 * The development ESIA: builds the HTTP server without listening (STYLE.md, Shape). It signs ESIA-shaped
 * tokens for the demo accounts of `@region/db/demo/accounts` and answers the person API the platform calls
 * after login (DOMAIN.md rules 1, 2, 5a).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  DEMO_ACCOUNTS,
  canSignInToEsia,
  findAccountByLogin,
  findAccountByOid,
  type DemoAccount,
} from '@region/db/demo/accounts';
import { HttpError, bearerToken, readForm, readJson, redirect, sendError, sendHtml, sendJson } from './http.ts';
import { jwksOf, SIGNING_ALG, type SigningKeys } from './keys.ts';
import { createDevMailbox, type DevMailbox } from './mailbox.ts';
import { createMoyaShkolaStandIn } from './moya-shkola.ts';
import { renderLoginPage, renderMailboxPage, renderMessagePage } from './pages.ts';
import { collection, documentElements, kidElement, personResource } from './persons.ts';
import { allowedRedirectUri, tokenRedirect } from './redirect-uri.ts';
import { signAccessToken, signServiceToken, verifyAccessToken, type TokenSettings } from './tokens.ts';
import { DEMO_SERVICES } from '@region/db/demo/service-accounts';

export interface DevEsiaOptions {
  /** The `iss` claim; the gateway's ESIA_ISSUER. */
  issuer: string;
  /** The `aud` and `client_id` claims; the gateway's ESIA_AUDIENCE. */
  audience: string;
  /** Where clients reach this server, for the discovery document. */
  publicUrl: string;
  ttlSeconds: number;
  keys: SigningKeys;
  /** The clock that decides who is old enough to sign in; tests may pin it. */
  now?: () => Date;
}

export interface DevEsia {
  server: Server;
  /** The stand-in SMTP relay whose letters `GET /dev/mailbox` shows; its `smtp` is listened on by the caller. */
  mailbox: DevMailbox;
  /** A token for a demo login, as `POST /dev/token` gives it; throws HttpError for an unknown login. */
  issueToken(login: string): Promise<string>;
  /** A client-credentials token for a demo external system (`POST /dev/service-token`). */
  issueServiceToken(clientId: string): Promise<string>;
}

const TokenRequest = z.object({ login: z.string().min(1) });
const ServiceTokenRequest = z.object({ client_id: z.string().min(1) });
const PERSON_PATH = /^\/rs\/prns\/(\d+)(?:\/(docs|kids)(?:\/(\d+)(?:\/(docs))?)?)?$/;

export function createDevEsia(options: DevEsiaOptions): DevEsia {
  const { keys } = options;
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const settings: TokenSettings = {
    issuer: options.issuer,
    audience: options.audience,
    ttlSeconds: options.ttlSeconds,
  };
  const now = options.now ?? (() => new Date());
  /** Status notices received on the stand-in ЕПГУ endpoint, newest last. */
  const received: unknown[] = [];
  /** The stand-in «Моя школа» receiver of the learning mart (issue 14 §3). */
  const moyaShkola = createMoyaShkolaStandIn();
  const canSignIn = (account: DemoAccount) => canSignInToEsia(account, now());
  const mailbox = createDevMailbox();

  function signableAccount(login: string): DemoAccount {
    const account = findAccountByLogin(login);
    if (!account) throw new HttpError(404, 'unknown_login', `No demo account with login "${login}"`);
    // ESIA registers a child under 14 only inside a parent's account; such a child never signs in (rule 5a).
    if (!canSignIn(account)) {
      throw new HttpError(403, 'child_under_14', `"${login}" is under 14 and cannot sign in to ESIA`);
    }
    return account;
  }

  async function issueToken(login: string): Promise<string> {
    return signAccessToken(keys, settings, signableAccount(login));
  }

  async function issueServiceToken(clientId: string): Promise<string> {
    if (!DEMO_SERVICES.some((service) => service.clientId === clientId)) {
      throw new HttpError(404, 'unknown_client', `No demo service with client_id "${clientId}"`);
    }
    return signServiceToken(keys, settings, clientId);
  }

  function loginPage(res: ServerResponse, url: URL): void {
    const target = allowedRedirectUri(url.searchParams.get('redirect_uri'));
    if (!target) return badRedirect(res);
    const state = url.searchParams.get('state');
    sendHtml(res, 200, renderLoginPage({ accounts: DEMO_ACCOUNTS, redirectUri: target.href, state, canSignIn }));
  }

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const target = allowedRedirectUri(form.get('redirect_uri'));
    if (!target) return badRedirect(res);
    let token: string;
    try {
      token = await issueToken(form.get('login') ?? '');
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return sendHtml(res, error.status, renderMessagePage('Вход невозможен', error.message));
    }
    redirect(res, tokenRedirect(target, token, settings.ttlSeconds, form.get('state')));
  }

  /** `rs/prns/{oid}[/docs|/kids[/{kid}[/docs]]]`: only the person themself, as in ESIA. */
  async function personApi(req: IncomingMessage, res: ServerResponse, match: RegExpExecArray): Promise<void> {
    const [, oid, section, kidOid, kidSection] = match;
    const token = bearerToken(req);
    const subject = token ? await verifyAccessToken(keys, settings, token) : null;
    if (!subject) throw new HttpError(401, 'invalid_token', 'A valid bearer token of this ESIA is required');
    if (subject !== oid) throw new HttpError(403, 'access_denied', 'The token belongs to another person');
    const account = findAccountByOid(oid);
    if (!account) throw new HttpError(404, 'not_found', 'No such person');
    if (section === 'docs') return sendJson(res, 200, collection(documentElements(account)));
    if (section !== 'kids') return sendJson(res, 200, personResource(account));

    const kids = account.kids.map(findAccountByLogin).filter((kid): kid is DemoAccount => kid !== undefined);
    if (kidOid === undefined) return sendJson(res, 200, collection(kids.map(kidElement)));
    const kid = kids.find((candidate) => candidate.oid === kidOid);
    if (!kid) throw new HttpError(404, 'not_found', 'No such child of this person');
    sendJson(res, 200, kidSection === 'docs' ? collection(documentElements(kid)) : kidElement(kid));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://dev-esia.invalid');
    const key = `${req.method ?? 'GET'} ${url.pathname}`;
    switch (key) {
      case 'GET /health':
        return sendJson(res, 200, { status: 'ok' });
      case 'GET /.well-known/jwks.json':
        return sendJson(res, 200, jwksOf(keys));
      case 'GET /.well-known/openid-configuration':
        return sendJson(res, 200, {
          issuer: settings.issuer,
          jwks_uri: `${publicUrl}/.well-known/jwks.json`,
          authorization_endpoint: `${publicUrl}/login`,
          response_types_supported: ['token'],
          id_token_signing_alg_values_supported: [SIGNING_ALG],
        });
      case 'POST /dev/token': {
        const body = TokenRequest.safeParse(await readJson(req));
        if (!body.success) throw new HttpError(400, 'invalid_request', 'Expected JSON { "login": "…" }');
        const accessToken = await issueToken(body.data.login);
        return sendJson(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: settings.ttlSeconds });
      }
      case 'POST /dev/service-token': {
        const body = ServiceTokenRequest.safeParse(await readJson(req));
        if (!body.success) throw new HttpError(400, 'invalid_request', 'Expected JSON { "client_id": "…" }');
        const accessToken = await issueServiceToken(body.data.client_id);
        return sendJson(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: settings.ttlSeconds });
      }
      // A stand-in for ЕПГУ's status endpoint, so `npm start` delivers the admissions outbox for real.
      case 'POST /epgu/status': {
        const notice = await readJson(req);
        received.push(notice);
        return sendJson(res, 200, { accepted: true });
      }
      case 'GET /epgu/status':
        return sendJson(res, 200, received.slice(-100));
      // The stand-in SMTP relay's letters (issue 15 §1): newest first.
      case 'GET /dev/mailbox':
        return sendHtml(res, 200, renderMailboxPage([...mailbox.received()].reverse()));
      case 'GET /dev/mailbox.json':
        return sendJson(res, 200, [...mailbox.received()].reverse());
      case 'GET /dev/users':
        return sendJson(
          res,
          200,
          DEMO_ACCOUNTS.map((account) => ({
            login: account.login,
            oid: account.oid,
            roles: account.roles,
            note: account.note,
            canSignIn: canSignIn(account),
          })),
        );
      case 'GET /login':
        return loginPage(res, url);
      case 'POST /login':
        return login(req, res);
    }
    if (url.pathname.startsWith('/moya-shkola/') && (await moyaShkola.route(req, res, key))) return;
    const person = req.method === 'GET' ? PERSON_PATH.exec(url.pathname) : null;
    if (person) return personApi(req, res, person);
    throw new HttpError(404, 'not_found', `No route ${key}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(res, error);
      console.error('dev-esia: request failed', error);
      if (!res.headersSent) sendError(res, new HttpError(500, 'server_error', 'Internal error'));
      else res.destroy();
    });
  });
  return { server, mailbox, issueToken, issueServiceToken };
}

function badRedirect(res: ServerResponse): void {
  sendHtml(
    res,
    400,
    renderMessagePage(
      'Недопустимый адрес возврата',
      'Параметр redirect_uri должен указывать на localhost или 127.0.0.1: тестовый вход не отправляет токены на другие сайты.',
    ),
  );
}
