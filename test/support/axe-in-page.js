// Injected into a page (after axe-core) by end-to-end and Storybook tests: `await window.runAxe(selector)`
// resolves to a list of readable violations of the WCAG 2.x A/AA rules. Plain JavaScript on purpose: functions
// passed to page.evaluate() from TypeScript run through tsx, which injects helpers the page does not have.
/* global axe */
window.runAxe = async function runAxe(selector) {
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } };
  // Storybook's a11y addon may be running axe in the same page: wait for its run to end before ours starts.
  for (let tries = 0; ; tries += 1) {
    try {
      const result = await axe.run(selector, options);
      return result.violations.map(
        (violation) =>
          `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
      );
    } catch (error) {
      if (tries >= 100 || !String(error).includes('already running')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};
