/**
 * Logger options: requests are logged by method, path and status only. No headers (tokens), no query, no body
 * (user IDs, login hints, codes, passwords, assertions), and error objects reduced to their type and code.
 */
import type { FastifyServerOptions } from 'fastify';

export interface LogOptions {
  level?: string;
  /** Where to write log lines (tests capture them). */
  stream?: { write(line: string): void };
}

export function loggerOptions(option: boolean | LogOptions | undefined): FastifyServerOptions['logger'] {
  if (!option) return false;
  const settings = option === true ? {} : option;
  return {
    level: settings.level ?? 'info',
    ...(settings.stream ? { stream: settings.stream } : {}),
    redact: { paths: ['req.headers', 'req.body', 'body', 'password', 'code', 'user_id', 'login_hint'], remove: true },
    serializers: {
      req: (request: { method: string; url: string; routeOptions?: { url?: string } }) => ({
        method: request.method,
        // The path of a known route holds only ids; an unknown path may hold anything a client put there (a
        // token pasted into a URL): it is not logged.
        path: request.routeOptions?.url ? request.url.split('?')[0] : '(no route)',
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: (error: Error & { code?: string }) => ({
        type: error.name,
        // Only internal failures are logged with an error; their messages come from code, not from input.
        message: error.message,
        ...(error.code ? { code: error.code } : {}),
        stack: error.stack?.split('\n').slice(1, 6).join('\n') ?? '',
      }),
    },
  };
}
