// Why: unit tests live beside the code; integration tests (real server, real kubectl) run as a separate project.
import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["core/**/*.test.ts", "server/**/*.test.ts", "graphql/**/*.test.ts", "prisma/**/*.test.ts", "app/**/*.test.ts"] } },
      { extends: true, test: { name: "integration", include: ["tests/integration/**/*.test.ts"], testTimeout: 180_000, hookTimeout: 300_000, fileParallelism: false } },
    ],
  },
});
