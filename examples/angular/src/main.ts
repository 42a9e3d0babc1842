import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';

// Angular 21 applications are zoneless by default: signals tell Angular what to render, no zone.js needed.
bootstrapApplication(App).catch((error: unknown) => console.error(error));
