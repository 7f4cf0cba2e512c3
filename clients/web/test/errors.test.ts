/** What a person reads when the gateway cannot answer now (issue 9, §7). */
import { ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { describeError } from '../src/ui/errors.ts';

function serverError(status: number, bodyText: string, contentType = 'application/json'): ServerError {
  const response = new Response(bodyText, { status, headers: { 'content-type': contentType } });
  return new ServerError(`Response not successful: Received status code ${status}`, { response, bodyText });
}

describe('describeError', () => {
  it('tells a person to retry later when people cannot resolve the login (503 with a code)', () => {
    const body = JSON.stringify({
      errors: [{ message: 'Вход временно недоступен', extensions: { code: 'SERVICE_UNAVAILABLE', service: 'people' } }],
    });
    expect(describeError(serverError(503, body))).toEqual({
      message: 'Сервис временно недоступен, попробуйте позже.',
      code: 'SERVICE_UNAVAILABLE',
    });
  });

  it('says the same for a proxy’s 502 page in front of the gateway', () => {
    expect(describeError(serverError(502, '<html>Bad Gateway</html>', 'text/html'))).toEqual({
      message: 'Сервис временно недоступен, попробуйте позже.',
      code: undefined,
    });
  });

  it('keeps the status for other server errors', () => {
    expect(describeError(serverError(500, '')).message).toBe('Сервер ответил с ошибкой (500). Попробуйте ещё раз.');
  });
});
