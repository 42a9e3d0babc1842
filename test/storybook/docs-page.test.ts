/**
 * Each element's Storybook docs page (`<mitid-login>`'s and `<mitid-enrol>`'s) is built from custom-elements.json:
 * it renders without errors and lists every attribute, event, part and custom property the manifest has for it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useStorybookSite } from './site.js';

interface Named {
  name: string;
}
interface ManifestElement {
  customElement?: boolean;
  tagName?: string;
  attributes?: Named[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
  slots?: Named[];
}

const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8')) as {
  modules: { declarations?: ManifestElement[] }[];
};
const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((item) => item.customElement);

describe('Storybook docs page', () => {
  const storybook = useStorybookSite();

  for (const tag of ['mitid-login', 'mitid-enrol']) {
    it(`${tag}: shows the manifest: attributes, events, slots, parts and custom properties`, async () => {
      const element = elements.find((item) => item.tagName === tag);
      assert.ok(element, `the manifest has ${tag}`);
      const page = await storybook.browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          problems.push(`console error: ${message.text()}`);
        }
      });
      try {
        await page.goto(`${storybook.origin}/iframe.html?id=${tag}--docs&viewMode=docs`);
        await page.waitForSelector('.docblock-argstable', { timeout: 15_000 });
        // The tables collapse nothing by default (controls.expanded), so every row is in the text.
        const text = await page.locator('.docblock-argstable').first().innerText();
        const expected = [
          ...(element.attributes ?? []),
          ...(element.events ?? []),
          ...(element.slots ?? []),
          ...(element.cssParts ?? []),
          ...(element.cssProperties ?? []),
        ].map((item) => item.name);
        assert.ok(expected.length > 10, 'the manifest lists the element API');
        assert.deepEqual(
          expected.filter((name) => !text.includes(name)),
          [],
        );
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});
