/**
 * The element harness (../harness/login-harness.ts) driving `<mitid-login>` in a Playwright page. The harness's
 * page entry is evaluated into the page on first use (evaluation is not subject to the page's CSP; a script tag
 * would be). In the page the harness finds fields and buttons by their accessible names in the element's language,
 * runs a task (user ID, approval text, method, code, password) and waits for the element; each action it decides
 * on comes back here through a page binding and is done by Playwright on an element handle: real focus, typing and
 * pointer clicks, as a person's would be. One implementation: the in-page tests use the same class directly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import type { Method } from '../../protocol/page-api.js';
import type { Step } from '../../src/flow/machine.js';
import type { MitidErrorDetail } from '../../src/events.js';
import type { LoginHarness, Name, NameMatch } from '../harness/login-harness.js';
import { scanQr } from './qr-scan.js';
import type * as HarnessModule from '../harness/page-entry.js';
import type { LogPosition } from '../harness/page-entry.js';

const BINDING = 'mitidHarnessAct';
/** Playwright's own default for an action's waiting. */
const TIMEOUT_MS = 30_000;

interface HarnessGlobal {
  mitidHarness?: typeof HarnessModule;
}

interface ActRequest {
  action: 'fill' | 'click' | 'enter';
  target: number;
  value?: string;
}

let source: Promise<string> | undefined;

/**
 * The page entry as one classic script that leaves `globalThis.mitidHarness` behind: built with the package
 * (dist/node/testing-harness-page.js, next to this module once bundled); from the sources, bundled with esbuild.
 */
function harnessSource(): Promise<string> {
  source ??= (async () => {
    const built = new URL('./testing-harness-page.js', import.meta.url);
    if (existsSync(built)) return readFileSync(built, 'utf8');
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../harness/page-entry.ts', import.meta.url))],
      bundle: true,
      format: 'iife',
      globalName: 'mitidHarnessExports',
      target: 'es2022',
      write: false,
      footer: { js: 'globalThis.mitidHarness = mitidHarnessExports;' },
    });
    return `${result.outputFiles[0]!.text}\nvoid 0;`;
  })();
  return source;
}

const bound = new WeakSet<Page>();

async function install(page: Page): Promise<void> {
  if (!bound.has(page)) {
    bound.add(page);
    await page.exposeBinding(BINDING, ({ frame }: { frame: Frame }, request: ActRequest) => act(frame, request));
  }
  if (await page.evaluate(() => Boolean((globalThis as HarnessGlobal).mitidHarness))) return;
  await page.evaluate(await harnessSource());
}

/** Does what the harness decided, with Playwright's trusted input, on the element it named. */
async function act(frame: Frame, { action, target, value }: ActRequest): Promise<void> {
  const handle = await frame.evaluateHandle(
    (key) => (globalThis as HarnessGlobal).mitidHarness!.actionTarget(key),
    target,
  );
  const element = handle.asElement();
  try {
    if (!element) throw new Error('the harness named no element');
    if (action === 'fill') await element.fill(value ?? '');
    else if (action === 'click') await element.click();
    else await element.press('Enter');
  } finally {
    await handle.dispose();
  }
}

type Member = keyof LoginHarness;
type Result<K extends Member> = LoginHarness[K] extends (...args: never[]) => infer R ? Awaited<R> : LoginHarness[K];
type Args<K extends Member> = LoginHarness[K] extends (...args: infer A) => unknown ? A : [];

export interface PageHarnessOptions {
  /** Which element (default `mitid-login`: the page's first). */
  selector?: string;
  /** How long a wait waits (default 30 s, Playwright's). */
  timeoutMs?: number;
}

/** A detail of the element's `mitid-success` event. */
export interface SuccessDetail {
  assertion: string;
  method: string;
  mode: string;
}

/**
 * `<mitid-login>` in a Playwright page, as a user sees it: the same tasks and reads as {@link LoginHarness}, each
 * one a call into the page. Only JSON, RegExps and step names cross, so results are plain values.
 */
export class PageHarness {
  readonly selector: string;
  private readonly timeoutMs: number;
  /** How far the page's event log had got when the last call ended (../harness/page-entry.ts). */
  private seen: LogPosition | null = null;

  constructor(
    readonly page: Page,
    options: PageHarnessOptions = {},
  ) {
    this.selector = options.selector ?? 'mitid-login';
    this.timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  }

  /** Calls one member of the page's harness (a task, a read) and resolves with its plain result. */
  async call<K extends Member>(member: K, ...args: Args<K>): Promise<Result<K>> {
    await install(this.page);
    const { value, position } = await this.page.evaluate(
      ([binding, selector, name, values, timeoutMs]) =>
        (globalThis as HarnessGlobal).mitidHarness!.driverCall(binding, selector, name, values, timeoutMs),
      [BINDING, this.selector, member, args as unknown[], this.timeoutMs] as const,
    );
    this.advance(position);
    return value as Result<K>;
  }

  /** The element's current step. */
  step(): Promise<Step> {
    return this.call('step');
  }

  waitForStep(step: Step): Promise<void> {
    return this.call('waitForStep', step);
  }

  /** Waits until the element has left `step` (after an action that starts a network call); resolves with the next. */
  leaveStep(step: Step): Promise<Step> {
    return this.call('leaveStep', step);
  }

  /** Types the user ID and continues; in approve mode also passes the "approve the following?" step. */
  enterUserId(userId: string): Promise<void> {
    return this.call('enterUserId', userId);
  }

  /** Chooses a method from wherever the element is after the user ID (the list, or a remembered method's step). */
  chooseMethod(method: Method): Promise<void> {
    return this.call('chooseMethod', method);
  }

  /** Types the one-time code and presses "Fortsæt" / "Continue". */
  enterCode(code: string): Promise<void> {
    return this.call('enterCode', code);
  }

  /** Types the password and presses the step's button ("Log på", "Godkend", or "Fortsæt" before the chip). */
  enterPassword(password: string): Promise<void> {
    return this.call('enterPassword', password);
  }

  /**
   * What the phone's camera reads from the app step's QR code, once it shows one: a screenshot of the QR as painted,
   * decoded (./qr-scan.ts; needs the optional peer dependencies `pngjs` and `jsqr`). Give it to `AppDevice.scan`.
   */
  scanQr(): Promise<string> {
    return scanQr(this.page.locator(this.selector).locator('svg[role="img"]').first(), this.timeoutMs);
  }

  /**
   * The same-device step's "Åbn MitID app" link (absolute), once it shows: what the phone opens when the user taps
   * it. Give it to `AppDevice.openLink` (the app would be opened by the operating system; the test does it instead).
   */
  appLink(): Promise<string> {
    return this.call('waitForAppLink');
  }

  /** The pairing code the app step shows (digits only), once it shows one. */
  pairingCode(): Promise<string> {
    return this.call('waitForPairingCode');
  }

  fill(label: Name, value: string, match: NameMatch = {}): Promise<void> {
    return this.call('fill', label, value, match);
  }

  press(name: Name, match: NameMatch = {}): Promise<void> {
    return this.call('press', name, match);
  }

  cancel(): Promise<void> {
    return this.call('cancel');
  }

  /** On the chip step: the button that opens the browser's security-key prompt. */
  useChip(): Promise<void> {
    return this.call('useChip');
  }

  async buttonShown(name: Name, match: NameMatch = {}): Promise<void> {
    await this.call('waitForButton', name, match);
  }

  async fieldShown(label: Name, match: NameMatch = {}): Promise<void> {
    await this.call('waitForField', label, match);
  }

  heading(): Promise<string> {
    return this.call('heading');
  }

  /** What the live regions say now: `role="status"` (polite) and `role="alert"` (assertive). */
  async announcements(): Promise<{ polite: string; assertive: string }> {
    return { polite: await this.call('politeAnnouncement'), assertive: await this.call('assertiveAnnouncement') };
  }

  /** The next `mitid-success` detail (start waiting before the action that causes it). */
  nextSuccess(): Promise<SuccessDetail> {
    return this.nextEvent<SuccessDetail>('mitid-success');
  }

  /** The next `mitid-error` detail (start waiting before the action that causes it). */
  nextError(): Promise<MitidErrorDetail> {
    return this.nextEvent('mitid-error');
  }

  /**
   * The first such event after the last call ended: the page has logged them since the harness came in, so one
   * that an action causes is found even when it reaches the page before this question does.
   */
  private async nextEvent<Detail>(type: 'mitid-success' | 'mitid-error'): Promise<Detail> {
    const after = this.seen;
    await install(this.page);
    const { detail, position } = await this.page.evaluate(
      ([selector, eventType, from, timeoutMs]) =>
        (globalThis as HarnessGlobal).mitidHarness!.nextLoggedEvent(selector, eventType, from, timeoutMs),
      [this.selector, type, after, this.timeoutMs] as const,
    );
    this.advance(position);
    return detail as Detail;
  }

  private advance(position: LogPosition): void {
    if (this.seen?.page !== position.page || position.seq > this.seen.seq) this.seen = position;
  }
}
