/**
 * A person's own MitID in a relying party's page, after a login there (protocol/identity-api.ts): see the devices,
 * remove one, add an app (or a chip) on another device, change the user ID, turn the notice for every use on or
 * off. Each call is checked against the access it comes with (./access.ts); each change is told to the identity by
 * the part that makes it (registry, settings, user IDs).
 */
import type { IdentitySettings } from '../../protocol/app-api.js';
import type { IdentityOverview, RevokeResponse } from '../../protocol/identity-api.js';
import { BrokerError } from '../http/errors.js';
import type { IdentityAccess } from './access.js';
import type { ActivationProofs, IssuedTicket } from './proofs.js';
import type { IdentityRegistry } from './registry.js';
import type { IdentitySettingsStore } from './settings.js';
import type { UserIds } from './user-ids.js';

export interface SelfServiceDeps {
  access: IdentityAccess;
  registry: IdentityRegistry;
  settings: IdentitySettingsStore;
  userIds: UserIds;
  proofs: ActivationProofs;
}

export class SelfService {
  constructor(private readonly deps: SelfServiceDeps) {}

  async overview(token: string, origin: string | undefined): Promise<IdentityOverview> {
    const grant = await this.deps.access.check(token, origin);
    const [userId, described, settings] = await Promise.all([
      this.deps.userIds.currentOf(grant.userId),
      this.deps.registry.describe(grant.userId, grant.byApp ?? ''),
      this.deps.settings.of(grant.userId),
    ]);
    return {
      user_id: userId,
      authenticators: described.authenticators,
      settings,
      expires_at: new Date(grant.expiresAt).toISOString(),
    };
  }

  async revoke(token: string, origin: string | undefined, id: string): Promise<RevokeResponse> {
    const grant = await this.deps.access.check(token, origin);
    const revoked = await this.deps.registry.revokeByLogin(grant.userId, id, grant.byApp);
    if (!revoked) {
      throw new BrokerError(
        'not_found',
        'No such app or key here: removed already, unknown, or older than the app this login was approved with.',
      );
    }
    return { id: revoked.id, state: 'revoked' };
  }

  async changeSettings(token: string, origin: string | undefined, next: IdentitySettings): Promise<IdentitySettings> {
    const grant = await this.deps.access.check(token, origin);
    return this.deps.settings.change(grant.userId, next, grant.clientName);
  }

  async changeUserId(token: string, origin: string | undefined, wanted: string): Promise<string> {
    const grant = await this.deps.access.check(token, origin);
    await this.deps.access.countUserIdTry(token, grant);
    return this.deps.userIds.change(grant.userId, wanted, grant.clientName);
  }

  /** A one-time ticket for a new device (the waiting period follows), as many as the access lasts. */
  async ticket(token: string, origin: string | undefined): Promise<IssuedTicket> {
    const grant = await this.deps.access.check(token, origin);
    return this.deps.proofs.ticketFor(grant);
  }
}
