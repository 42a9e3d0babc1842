/**
 * What the MitID app can do with sessions: submit a scanned QR frame, open a request, approve or reject it with a
 * signature by its device key, and list the requests it has already seen. A cross-device request needs a fresh QR
 * scan by this very device before it can be opened (the phone was next to the screen showing the session); a
 * same-device request opens only with the one-time secret of its app link. Nothing else reaches the app: a request
 * nobody showed the user never appears in the app, and never stops the user's own (./../sessions/parallel.ts).
 */
import { approvalSigningInput, type AppDecision, type AppRequest } from '../../protocol/app-api.js';
import { DeviceRegistry, requireActive, type Device } from '../authenticators/app-devices.js';
import { hashToken, sameTokenHash } from '../http/auth.js';
import type { ParallelRequests } from '../sessions/parallel.js';
import type { Clock } from '../clock.js';
import type { IdentityDirectory } from '../config/identities.js';
import { BrokerError } from '../http/errors.js';
import { PairingCodes } from '../sessions/pairing-codes.js';
import type { QrFrames } from '../sessions/qr-frames.js';
import type { SessionService } from '../sessions/service.js';
import type { AppStep, SessionRecord, SessionStore } from '../sessions/types.js';

/** What the app's steps need. */
export interface AppStepsDeps {
  clock: Clock;
  sessions: SessionService;
  store: SessionStore;
  identities: IdentityDirectory;
  qr: QrFrames;
  pairing: PairingCodes;
  parallel: ParallelRequests;
}

export class AppSteps {
  private readonly sessions: SessionService;

  constructor(private readonly deps: AppStepsDeps) {
    this.sessions = deps.sessions;
  }

  /** The pending requests this device has scanned or opened (to pick up where it was). */
  async listRequests(device: Device): Promise<AppRequest[]> {
    requireActive(device);
    const now = this.deps.clock.now();
    const sessions = await this.deps.store.listByUser(device.userId);
    return sessions
      .filter(
        (session) =>
          session.status === 'pending' &&
          session.expiresAt > now &&
          (session.app?.scannedBy === device.id || session.app?.openedBy === device.id),
      )
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((session) => this.toAppRequest(session, device));
  }

  async scan(device: Device, frame: string): Promise<AppRequest> {
    requireActive(device);
    const parts = this.deps.qr.parse(frame);
    const found = await this.deps.store.findByQrId(parts.qrId);
    const session = found && (await this.sessions.expireIfDue(found));
    if (!session?.app || session.status !== 'pending') {
      throw new BrokerError('qr_expired', 'This QR code is no longer valid.');
    }
    this.deps.qr.requireFresh(session.app, parts);
    if (session.userId !== device.userId) {
      throw new BrokerError('invalid_device', 'This login is for another MitID.');
    }
    return this.attach(device, session, (app) => {
      if (app.qrId !== parts.qrId) throw new BrokerError('qr_expired', 'This QR code is no longer valid.');
      if (app.lastScannedSecond !== undefined && parts.seconds <= app.lastScannedSecond) {
        throw new BrokerError('qr_expired', 'This QR code was used already; scan the one on the screen now.');
      }
      app.lastScannedSecond = parts.seconds;
      app.pairedBy = 'scan';
    });
  }

  /**
   * The pairing code the page shows, typed in the app instead of a scan (sessions/pairing-codes.ts). Only this
   * device's own identity's pending cross-device sessions are searched; then it does what a scan does.
   */
  async pair(device: Device, input: string): Promise<AppRequest> {
    requireActive(device);
    const pairing = this.deps.pairing;
    await pairing.requireUnderLimit(device.id);
    const code = PairingCodes.normalize(input);
    if (!code) throw new BrokerError('invalid_request', 'A pairing code is 6 digits.');
    const now = this.deps.clock.now();
    const own = (await this.deps.store.listByUser(device.userId)).filter(
      (session) => session.status === 'pending' && session.expiresAt > now && session.app?.device === 'cross',
    );
    const found = pairing.find(own, code);
    if (found.kind === 'none') throw await pairing.wrong(device.id);
    if (found.kind === 'expired') throw pairingExpired();
    const { window } = found;
    const session = await this.sessions.expireIfDue(found.session);
    if (!session.app || session.status !== 'pending') throw pairingExpired();
    const used = (app: AppStep) => app.lastPairedWindow !== undefined && window <= app.lastPairedWindow;
    if (used(session.app)) throw pairingUsed();
    return this.attach(device, session, (app) => {
      if (used(app)) throw pairingUsed();
      app.lastPairedWindow = window;
      app.pairedBy = 'code';
    });
  }

  /** What a scan and a pairing code do alike: the locked and parallel checks, then this device has "scanned". */
  private async attach(device: Device, session: SessionRecord, mark: (app: AppStep) => void): Promise<AppRequest> {
    if ((await this.deps.identities.find(session.userId))?.locked) return this.lockedIdentity(session.id);
    if (await this.deps.parallel.seeing(session)) throw parallelStopped();
    const updated = await this.sessions.mutatePending(session.id, (draft) => {
      const app = draft.app;
      if (!app || app.qrId !== session.app?.qrId) {
        throw new BrokerError('qr_expired', 'This QR code is no longer valid.');
      }
      mark(app);
      if (app.scannedBy && app.scannedBy !== device.id) {
        throw new BrokerError('qr_invalid', 'Another device has scanned this login.');
      }
      app.scannedBy = device.id;
      if (draft.hint === 'outstanding') draft.hint = 'qr-scanned';
      return draft;
    });
    return this.toAppRequest(updated, device);
  }

  /** Opens a request: a scanned cross-device one, or a same-device one with its link's one-time secret. */
  async open(device: Device, requestId: string, linkSecret: string | undefined): Promise<AppRequest> {
    requireActive(device);
    const session = await this.requestOf(device, requestId);
    if ((await this.deps.identities.find(session.userId))?.locked) return this.lockedIdentity(session.id);
    this.requireProximity(session, device, linkSecret);
    if (session.hint === 'user-signing' && session.app?.openedBy === device.id)
      return this.toAppRequest(session, device);
    if (await this.deps.parallel.seeing(session)) throw parallelStopped();
    const updated = await this.sessions.mutatePending(session.id, (draft) => {
      this.requireProximity(draft, device, linkSecret);
      if (draft.app?.openedBy && draft.app.openedBy !== device.id) throw notFound();
      draft.hint = 'user-signing';
      if (draft.app) {
        draft.app.openedBy = device.id;
        delete draft.app.linkSecretHash; // spent
      }
      return draft;
    });
    return this.toAppRequest(updated, device);
  }

  async decide(device: Device, requestId: string, decision: AppDecision, signature: string): Promise<SessionRecord> {
    requireActive(device);
    const session = await this.requestOf(device, requestId);
    if (session.app?.openedBy !== device.id) throw new BrokerError('wrong_step', 'Open the request first.');
    const input = approvalSigningInput({
      requestId,
      challenge: session.app.challenge,
      clientName: session.clientName,
      mode: session.mode,
      txnSha256: session.transactionSha256 ?? null,
      detailsSha256: session.transactionDetailsSha256 ?? null,
      decision,
    });
    if (!DeviceRegistry.verifySignature(device, input, signature)) {
      throw new BrokerError('invalid_signature', 'The signature does not match this request and decision.');
    }
    if (decision === 'reject') {
      const failed = await this.sessions.fail(session.id, 'rejected');
      if (!failed) throw new BrokerError('session_finished', 'The session has already ended.');
      return failed;
    }
    return this.sessions.complete(session, 'app', 'user-signing');
  }

  private async requestOf(device: Device, requestId: string): Promise<SessionRecord> {
    const found = await this.deps.store.findByRequestId(requestId);
    // Someone else's request answers exactly like a request that does not exist.
    if (!found || found.userId !== device.userId || found.app?.requestId !== requestId) throw notFound();
    const session = await this.sessions.expireIfDue(found);
    if (session.status !== 'pending') throw new BrokerError('session_finished', 'The session has already ended.');
    return session;
  }

  /**
   * Proof that the user is at the screen that started the request: its QR code scanned by this device, or (same
   * device) the link's secret, once. Without the secret a same-device request answers as if it did not exist.
   */
  private requireProximity(session: SessionRecord, device: Device, linkSecret: string | undefined): void {
    const app = session.app;
    if (app?.device === 'cross' && app.scannedBy !== device.id) {
      throw new BrokerError('wrong_step', 'Scan the QR code on the screen first.');
    }
    if (app?.device === 'same' && app.openedBy !== device.id) {
      const given = linkSecret === undefined ? undefined : hashToken(linkSecret);
      if (!app.linkSecretHash || !given || !sameTokenHash(app.linkSecretHash, given)) throw notFound();
    }
  }

  private async lockedIdentity(id: string): Promise<never> {
    await this.sessions.fail(id, 'locked');
    throw new BrokerError('locked', 'This MitID is locked. Contact MitID support.');
  }

  private toAppRequest(session: SessionRecord, device: Device): AppRequest {
    const app = session.app;
    if (!app) throw new BrokerError('internal', 'The broker could not handle the request.');
    const request: AppRequest = {
      request_id: app.requestId,
      client_name: session.clientName,
      mode: session.mode,
      started_at: new Date(session.createdAt).toISOString(),
      browser: session.browser ?? { name: 'other', os: 'other' },
      needs_qr: app.device === 'cross',
      qr_scanned: app.scannedBy === device.id,
      challenge: app.challenge,
      expires_at: new Date(session.expiresAt).toISOString(),
    };
    if (session.transactionText !== undefined) request.transaction_text = session.transactionText;
    if (session.transactionDetails !== undefined) request.transaction_details = session.transactionDetails;
    return request;
  }
}

function notFound(): BrokerError {
  return new BrokerError('not_found', 'No such request.');
}

function parallelStopped(): BrokerError {
  return new BrokerError(
    'parallel_session',
    'Another request with your MitID was started at the same time: both are stopped. If it was not you, contact MitID support.',
  );
}

function pairingExpired(): BrokerError {
  return new BrokerError('pairing_expired', 'This pairing code is too old; type the one on the screen now.');
}

function pairingUsed(): BrokerError {
  return new BrokerError('pairing_expired', 'This pairing code was used already; type the one on the screen now.');
}
