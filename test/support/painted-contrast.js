// Painted contrast (issue 19): where axe reports `color-contrast` in forced colours, the colours it compares are
// not always the ones painted (it mixes the authored text colour with the forced background). This judges each
// node axe reports by its pixels instead: a screenshot of the node's box, the dominant colour taken as the
// background, the text colour as the non-background colour of highest contrast among those covering at least a
// fiftieth of the other pixels (the glyphs' solid core, not their anti-aliased edges), and the WCAG ratio of the two;
// under 4.5:1 (3:1 for large text) is a failure. Plain JavaScript run as a classic script or imported for its side
// effect, so every runner shares one copy: the test runner's browser tests (./painted-contrast-wtr.ts), Playwright
// (test/e2e/support/painted-contrast.ts, evaluated in the page) and the unit test of the pixel logic. axe-core
// must be loaded first. The runner takes the one screenshot (of `region()`): `globalThis.paintedContrast` has the
// steps: find, region, judgeAll.
(() => {
  const channel = (value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  /** WCAG contrast ratio of two [r, g, b] colours. */
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const hex = (rgb) => `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

  /**
   * The painted background and text colours of RGBA pixels and their ratio. One colour only: the text is not
   * painted apart from its background, ratio 1.
   */
  function measure({ data }) {
    const counts = new Map();
    for (let i = 0; i + 3 < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const colours = [...counts].sort((a, b) => b[1] - a[1]);
    const rgb = (key) => [(key >> 16) & 255, (key >> 8) & 255, key & 255];
    const background = rgb(colours[0][0]);
    const others = colours.slice(1);
    const rest = others.reduce((sum, [, count]) => sum + count, 0);
    let text = background;
    let best = 1;
    for (const [key, count] of others) {
      if (count < rest / 50) break;
      const candidate = ratio(rgb(key), background);
      if (candidate > best) [text, best] = [rgb(key), candidate];
    }
    return { background: hex(background), text: hex(text), ratio: best };
  }

  /** Decodes a base64 PNG (a screenshot) into RGBA pixels, in the page: no URL, so no CSP stands in the way. */
  async function decode(base64) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, bitmap.width, bitmap.height);
  }

  let reported = [];

  /**
   * Runs axe's color-contrast rule alone over `context` (a selector or node); resolves how many nodes are to be
   * judged: those it reports, or with `every` every text node the rule looked at (reported, passed, or left for
   * review), so that a page where axe reports nothing is still judged by its pixels.
   */
  async function find(context, every = false) {
    for (let tries = 0; ; tries += 1) {
      try {
        const result = await globalThis.axe.run(context ?? document, {
          runOnly: { type: 'rule', values: ['color-contrast'] },
          elementRef: true,
        });
        const groups = every ? [result.violations, result.incomplete, result.passes] : [result.violations];
        // Only what is painted somewhere on the page can be judged by its pixels.
        reported = groups
          .flat()
          .flatMap((entry) => entry.nodes)
          .filter((node) => paintedRect(node.element));
        return reported.length;
      } catch (error) {
        // Storybook's a11y addon may be running axe in the same page.
        if (tries >= 100 || !String(error).includes('already running')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /**
   * The part of an element's box that is painted, in viewport coordinates: its box cut by every ancestor that clips
   * its overflow (across shadow roots) and by the document's own area; null when nothing of it is. A cell scrolled
   * out of a table's scroll box, or a box past the page's right edge, is not on the page to be judged, and a
   * screenshot cannot hold it (Playwright cuts a clip to the page, and the pixels were then read at the wrong scale).
   */
  const paintedRect = (element) => {
    const box = element.getBoundingClientRect();
    let { left, top, right, bottom } = box;
    const parentOf = (node) => node.parentElement ?? node.getRootNode()?.host ?? null;
    for (let node = parentOf(element); node; node = parentOf(node)) {
      const style = getComputedStyle(node);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const clip = node.getBoundingClientRect();
      [left, top] = [Math.max(left, clip.left), Math.max(top, clip.top)];
      [right, bottom] = [Math.min(right, clip.right), Math.min(bottom, clip.bottom)];
    }
    const page = document.documentElement;
    [left, top] = [Math.max(left, -scrollX), Math.max(top, -scrollY)];
    [right, bottom] = [Math.min(right, page.scrollWidth - scrollX), Math.min(bottom, page.scrollHeight - scrollY)];
    return right - left >= 1 && bottom - top >= 1 ? { left, top, right, bottom } : null;
  };

  /** The pixels a node's painted box touches, in document coordinates: what a screenshot must hold. */
  const documentBox = (node) => {
    const rect = paintedRect(node);
    const x = Math.floor(rect.left + scrollX);
    const y = Math.floor(rect.top + scrollY);
    return {
      x,
      y,
      width: Math.max(1, Math.ceil(rect.right + scrollX) - x),
      height: Math.max(1, Math.ceil(rect.bottom + scrollY) - y),
    };
  };

  /**
   * The pixels wholly inside a node's painted box: the ones judged. A box at a fractional position (1495.875)
   * half-covers its edge rows, which are painted with what lies outside it (the page's background); counted, that
   * colour was taken for the text, and grey on grey passed on a black page. A box too thin to have inner pixels
   * keeps its own.
   */
  const innerBox = (node) => {
    const rect = paintedRect(node);
    const x = Math.ceil(rect.left + scrollX);
    const y = Math.ceil(rect.top + scrollY);
    const width = Math.floor(rect.right + scrollX) - x;
    const height = Math.floor(rect.bottom + scrollY) - y;
    return width > 0 && height > 0 ? { x, y, width, height } : documentBox(node);
  };

  /** The box, in document coordinates, around every reported node: one screenshot of it serves them all. */
  function region() {
    const boxes = reported.map((node) => documentBox(node.element));
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const right = Math.max(...boxes.map((b) => b.x + b.width));
    const bottom = Math.max(...boxes.map((b) => b.y + b.height));
    return { x, y, width: right - x, height: bottom - y };
  }

  /**
   * Judges every reported node by its box's pixels in `base64`, a screenshot of {@link region} (taken before
   * anything moved): the lines of the nodes that fail.
   */
  async function judgeAll(base64, at) {
    const shot = await decode(base64);
    // A screenshot at a device scale other than 1 has more pixels than CSS pixels.
    const scale = shot.width / at.width;
    const failures = [];
    for (const node of reported) {
      const box = innerBox(node.element);
      const left = Math.round((box.x - at.x) * scale);
      const top = Math.round((box.y - at.y) * scale);
      const width = Math.max(1, Math.round(box.width * scale));
      const height = Math.max(1, Math.round(box.height * scale));
      const data = new Uint8ClampedArray(width * height * 4);
      for (let row = 0; row < height; row += 1) {
        const from = ((top + row) * shot.width + left) * 4;
        data.set(shot.data.subarray(from, from + width * 4), row * width * 4);
      }
      const style = getComputedStyle(node.element);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      const painted = measure({ data });
      if (painted.ratio >= needed) continue;
      const axe = node.any?.[0]?.data;
      const said = axe ? ` (axe read ${axe.fgColor} on ${axe.bgColor})` : '';
      failures.push(
        `${node.target.join(' ')}: painted ${painted.text} on ${painted.background} = ${painted.ratio.toFixed(2)}, under ${needed}:1${said}`,
      );
    }
    return failures;
  }

  globalThis.paintedContrast = { ratio, measure, decode, find, region, judgeAll };
})();
