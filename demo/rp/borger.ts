/** The demo public-sector self-service site's back end under /borger/api/: login only, verified server-side. */
import type { FastifyInstance } from 'fastify';
import { CookieSessions } from './cookie-session.js';
import { registerRelyingParty, sendError, type RpSession } from './relying-party.js';
import type { AssertionChecker } from './verifier.js';

export function registerBorger(
  app: FastifyInstance,
  options: { checker: AssertionChecker; origin: () => string; brokerUrl: () => string; clientId: string },
): Promise<void> {
  const sessions = new CookieSessions<RpSession>('borger_session', '/borger/', () => ({}));
  return registerRelyingParty(app, { ...options, prefix: '/borger', sessions }, (scope) => {
    // What the self-service page shows once the user is verified: made-up letters and cases, no real data.
    scope.get('/borger/api/overview', async (request, reply) => {
      const session = sessions.load(request);
      if (!session.user) return sendError(reply, 401, 'not_logged_in', 'Log in first.');
      return {
        user: session.user,
        mail: [
          {
            from: { da: 'Kommunen', en: 'The municipality' },
            subject: { da: 'Renovation: ny tømmeplan', en: 'Waste collection: new schedule' },
          },
          {
            from: { da: 'Skattestyrelsen', en: 'Danish Tax Agency' },
            subject: { da: 'Din årsopgørelse er klar', en: 'Your annual tax statement is ready' },
          },
        ],
      };
    });
  });
}
