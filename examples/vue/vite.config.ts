import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The bank's back end (the `npm start` server's example relying party); the dev server and `vite preview`
// forward /examples/api to it so the page calls its own origin.
const api = { '/examples/api': 'http://localhost:8080' };

export default defineConfig({
  plugins: [
    vue({
      template: {
        // Without this Vue tries to resolve <mitid-login> as a Vue component and warns that it cannot.
        compilerOptions: { isCustomElement: (tag) => tag === 'mitid-login' },
      },
    }),
  ],
  server: { port: 5174, strictPort: true, proxy: api },
  preview: { port: 5174, strictPort: true, proxy: api },
});
