/**
 * The React 19 example (examples/react), built offline with its own tooling (tsc + Vite), in Chromium: React sets
 * the element's properties and listens to its `mitid-*` events through `onmitid-*` props.
 */
import { offlineExampleSuite } from './support/example-app.js';

offlineExampleSuite('React 19 example (Vite, tsc)', 'react', 'dist-offline', 'React');
