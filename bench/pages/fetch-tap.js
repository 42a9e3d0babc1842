// Approval-latency page helper (classic, external, loaded before the element). It points the element at the bench
// broker (`?broker=`), counts the element's event streams and long-polls so the driver knows when the page is
// listening, records the wall-clock time of `mitid-success`, and with `?transport=long-poll` plays a proxy that
// does not pass event streams (answers `/events` with JSON), so the element falls back to its long-poll.
(() => {
  const params = new URLSearchParams(location.search);
  const longPoll = params.get('transport') === 'long-poll';
  const tap = { streams: 0, pollsStarted: 0, pollsAnswered: 0, successes: 0, success: null, errors: [] };
  window.__benchTap = tap;

  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/events')) {
      if (longPoll) return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
      const response = await original(input, init);
      tap.streams += 1;
      return response;
    }
    if (url.includes('?wait=')) {
      tap.pollsStarted += 1;
      try {
        return await original(input, init);
      } finally {
        tap.pollsAnswered += 1;
      }
    }
    return original(input, init);
  };

  document.addEventListener('mitid-success', () => {
    tap.success = performance.timeOrigin + performance.now();
    tap.successes += 1;
  });
  document.addEventListener('mitid-error', (event) => tap.errors.push(event.detail && event.detail.code));
  document.addEventListener('DOMContentLoaded', () => {
    document.querySelector('mitid-login').setAttribute('broker', params.get('broker') || '');
  });
})();
