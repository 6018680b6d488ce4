// Why: Next.js settings: native and Node-only packages stay external to the server bundle.

/** @type {import("next").NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3", "@prisma/client", "@prisma/adapter-better-sqlite3", "@kubernetes/client-node"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
