/**
 * The identity's own choices, as its apps set them (`/v1/app/settings`): for now one, to be told every time the
 * MitID is used. One JSON record per identity in the shared state (`prefs:<user ID>`), so every instance sees it.
 * Turning the notice off is itself told, so that an app the owner does not know of cannot silence it unseen.
 */
import type { IdentitySettings } from '../../protocol/app-api.js';
import type { Mode } from '../../protocol/page-api.js';
import type { Clock } from '../clock.js';
import type { SharedState } from '../stores/shared-state.js';
import type { Notices } from './notices.js';

const DEFAULTS: IdentitySettings = { notify_every_use: false };

export class IdentitySettingsStore {
  constructor(
    private readonly clock: Clock,
    private readonly state: SharedState,
    private readonly notices: Notices,
  ) {}

  async of(userId: string): Promise<IdentitySettings> {
    const raw = await this.state.get(`prefs:${userId}`);
    return raw === undefined ? { ...DEFAULTS } : { ...DEFAULTS, ...(JSON.parse(raw) as Partial<IdentitySettings>) };
  }

  /** Sets the choices, by the app named `deviceName`. */
  async change(userId: string, next: IdentitySettings, deviceName: string): Promise<IdentitySettings> {
    const before = await this.of(userId);
    await this.state.set(`prefs:${userId}`, JSON.stringify(next));
    if (before.notify_every_use && !next.notify_every_use) {
      await this.notices.tell(userId, { kind: 'use-notices-off', at: this.at(), device_name: deviceName });
    }
    return next;
  }

  /** After a completed login or approval: the notice, if the identity asked for one. */
  async used(userId: string, clientName: string, mode: Mode): Promise<void> {
    if (!(await this.of(userId)).notify_every_use) return;
    await this.notices.tell(userId, { kind: 'mitid-used', at: this.at(), client_names: [clientName], mode });
  }

  private at(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
