// Added to every story page before Storybook loads (plain JavaScript: it runs in the page as it is). Storybook
// announces on its channel when a story has finished: after the play function, and after the a11y addon's own
// axe run, whose result is one of the reports. The test waits for that and reads `window.__storyStatus`.
(() => {
  let channel;
  const record = (kind, payload) => {
    window.__storyStatus = window.__storyStatus ?? { problems: [] };
    if (kind === 'finished') {
      window.__storyStatus.finished = true;
      window.__storyStatus.storyId = payload.storyId;
      window.__storyStatus.status = payload.status;
      for (const report of payload.reporters ?? []) {
        if (report.status !== 'failed') continue;
        const violations = report.result?.violations ?? [];
        const detail = violations.length
          ? violations.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`).join('; ')
          : String(report.result?.error?.message ?? report.result?.error ?? 'failed');
        window.__storyStatus.problems.push(`${report.type} report failed: ${detail}`);
      }
    } else {
      window.__storyStatus.problems.push(`${kind}: ${payload?.message ?? JSON.stringify(payload)}`);
    }
  };
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value) {
      channel = value;
      value.on('storyFinished', (payload) => record('finished', payload));
      value.on('playFunctionThrewException', (error) => record('play function threw', error));
      value.on('storyThrewException', (error) => record('story threw', error));
      value.on('storyErrored', (error) => record('story errored', error));
      value.on('unhandledErrorsWhilePlaying', (errors) => record('unhandled errors while playing', errors));
    },
  });
})();
