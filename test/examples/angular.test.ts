/**
 * The Angular 21 example (examples/angular), built offline with the Angular CLI (`ng build --configuration
 * offline`) and driven in Chromium: every heading the driver waits for is rendered from a `mitid-*` event Angular
 * received through its own `(mitid-…)` binding.
 */
import { offlineExampleSuite } from './support/example-app.js';

offlineExampleSuite('Angular 21 example (Angular CLI)', 'angular', 'dist-offline/browser', 'Angular');
