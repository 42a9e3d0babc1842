import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The bank's own back end (demo/rp/examples.ts in `npm start`) answers under /examples/api on port 8080; the dev
// server forwards it, so the page calls its back end on its own origin, as a real bank's page does.
const backend = { '/examples/api': 'http://localhost:8080' };

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy: backend },
  preview: { port: 5173, strictPort: true, proxy: backend },
});
