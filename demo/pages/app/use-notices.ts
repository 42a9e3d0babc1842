/**
 * "Giv mig besked, hver gang mit MitID bruges": the identity's choice, read when the home view opens and sent when the
 * box changes. Only an active app may change it (a pending one is refused with `device_pending`, and the box is put
 * back); turning it off is itself told to the identity's apps and contact channel.
 */
import { byId } from '../shared/dom.js';
import type { AppApi } from './broker-api.js';
import { explain } from './messages.js';

export interface UseNoticesHooks {
  api(): AppApi | undefined;
  announce(message: string, kind?: 'ok' | 'error' | 'info'): void;
}

const box = () => byId<HTMLInputElement>('notify-every-use');

/** Wires the box once; `show` then fills it for the current app. */
export function wireUseNotices(hooks: UseNoticesHooks): { show(): Promise<void> } {
  box().addEventListener('change', () => {
    const api = hooks.api();
    if (!api) return;
    const wanted = box().checked;
    api.changeSettings({ notify_every_use: wanted }).then(
      (settings) => {
        box().checked = settings.notify_every_use;
        hooks.announce(
          settings.notify_every_use
            ? 'Du får nu besked, hver gang dit MitID bruges.'
            : 'Du får ikke længere besked ved hver brug af dit MitID.',
          'ok',
        );
      },
      (failure: unknown) => {
        box().checked = !wanted;
        hooks.announce(explain(failure), 'error');
      },
    );
  });
  return {
    async show() {
      const api = hooks.api();
      if (!api) return;
      const settings = await api.settings().catch(() => undefined);
      if (settings) box().checked = settings.notify_every_use;
    },
  };
}
