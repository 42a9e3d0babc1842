// First-render probe, the first script of every page the first-render benchmark opens (inlined there by
// bench/static-server.ts, so it costs no request). It records `performance.now()` (milliseconds since navigation
// start) at the first moment the page's text input is visible and can take focus: checked after every DOM mutation
// (also inside open shadow roots) and on every animation frame. The page under test is not modified: the probe only looks. Open shadow roots are watched from the moment
// they are attached (a wrapped attachShadow), so rendering into one is seen as soon as rendering into the
// document would be, whichever way a component renders.
(() => {
  const result = { focusable: null, via: null, fcp: null };
  window.__benchProbe = result;

  const observer = new MutationObserver(() => check('mutation'));
  const watched = new WeakSet();
  const watch = (root) => {
    if (watched.has(root)) return;
    watched.add(root);
    observer.observe(root, { childList: true, subtree: true, attributes: true });
  };

  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (init && init.mode === 'open') watch(root);
    return root;
  };

  // Every open shadow root below `root`, watched so that rendering into it is seen at once.
  const shadowRoots = (root, found = []) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) {
        watch(element.shadowRoot);
        found.push(element.shadowRoot);
        shadowRoots(element.shadowRoot, found);
      }
    }
    return found;
  };

  const TEXT_INPUT = 'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"])';
  const findInput = () => {
    const roots = [document, ...shadowRoots(document)];
    for (const root of roots) {
      const input = root.querySelector(TEXT_INPUT);
      if (input) return input;
    }
    return null;
  };

  const deepActive = () => {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    return active;
  };

  // Visible = rendered with a box, not hidden by `visibility`, `content-visibility` or a zero opacity on it or an
  // ancestor; focusable = connected, enabled, visible, and focus() really moves focus to it.
  const visible = (input) =>
    input.getClientRects().length > 0 &&
    input.checkVisibility({ visibilityProperty: true, opacityProperty: true, contentVisibilityAuto: true });
  const focusable = (input) => {
    if (!input.isConnected || input.disabled) return false;
    if (!visible(input)) return false;
    input.focus({ preventScroll: true });
    return deepActive() === input;
  };

  function check(via) {
    if (result.focusable !== null) return;
    const input = findInput();
    if (input && focusable(input)) {
      result.focusable = performance.now();
      result.via = via;
      observer.disconnect();
    }
  }

  watch(document);
  const frame = () => {
    check('frame');
    if (result.focusable === null) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') result.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
})();
