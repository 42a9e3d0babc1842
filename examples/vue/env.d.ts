/// <reference types="vite/client" />

// Types only: adds <mitid-login> to Vue's GlobalComponents, so vue-tsc checks its bindings and @mitid-* handlers.
import type {} from 'mitid-login/vue';
