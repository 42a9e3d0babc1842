/**
 * The Vue 3 example (examples/vue), built offline with Vite and vue-tsc: `<mitid-login>` gets its attributes,
 * properties and `@mitid-*` listeners from a Vue template, and the page is rendered from the events Vue received.
 */
import { offlineExampleSuite } from './support/example-app.js';

offlineExampleSuite('Vue 3 example (Vite, vue-tsc)', 'vue', 'dist-offline', 'Vue');
