// Fails fast, with one line, when the browser test groups cannot run.
import { chromiumPath } from './chromium.mjs';

chromiumPath();
