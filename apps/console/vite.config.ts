import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w apps/console`: Vite serves the console and passes the API to a running gateway
const gateway = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:3000';
const api = Object.fromEntries(
  ['/trpc', '/api', '/health', '/openapi.json', '/docs'].map((path) => [path, { target: gateway }]),
);

export default defineConfig({
  plugins: [react()],
  server: { proxy: api },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // which chunks each page loads: the size budget test reads it
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // the charts library only loads with the screens that draw charts
        manualChunks: (id) => (id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'charts' : undefined),
      },
    },
  },
});
