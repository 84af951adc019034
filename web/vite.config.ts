import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
const api = process.env.REHEARSE_API ?? "http://localhost:3000";

// The browser app: built into dist/web and served by the API server (src/http/routes/web.ts); in
// development Vite serves it and forwards the API, auth, storage and the WebSocket to the server.
export default defineConfig({
  root,
  // Keep Vite's cache with the project's other dependencies, not in web/node_modules.
  cacheDir: fileURLToPath(new URL("../node_modules/.vite", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      "/api": { target: api, ws: true, changeOrigin: false },
      "/auth": { target: api },
      "/storage": { target: api },
      "/dev/mailbox": { target: api },
    },
  },
});
