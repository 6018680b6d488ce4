// Why: lint for the whole tree, and the layer rule: core/ stays free of frameworks, I/O libraries and server/.
import tseslint from "typescript-eslint";

const frameworkImports = [
  { group: ["next", "next/*", "react", "react/*", "react-dom", "react-dom/*"], message: "core/ is framework-free." },
  { group: ["graphql", "graphql/*", "graphql-yoga", "next-auth", "next-auth/*"], message: "core/ is framework-free." },
  { group: ["@prisma/*", "prisma", "better-sqlite3", "pg", "fs", "node:fs", "node:fs/*", "fs/*", "net", "node:net", "http", "node:http"], message: "core/ does no I/O." },
  { group: ["**/server/*", "**/server", "**/graphql/*", "**/app/*", "@/server/*", "@/graphql/*", "@/app/*"], message: "core/ imports only core/." },
];

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", "data/**", "generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: frameworkImports }],
      "no-restricted-globals": ["error", { name: "setTimeout", message: "Use the injected Clock." }, { name: "setInterval", message: "Use the injected Clock." }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Use the injected Clock." },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Use the injected Clock." },
      ],
    },
  },
  {
    files: ["core/clock/**/*.ts", "core/**/*.test.ts"],
    rules: { "no-restricted-globals": "off", "no-restricted-syntax": "off" },
  },
);
