// Why: the environment is parsed once, with zod, so a bad value stops start-up with a message that says which and why.

import path from "node:path";
import { z } from "zod";
import { IpRange } from "@/core/apiserver/service-allocation/ip-range";

const positiveInt = (name: string, dflt: number) =>
  z.coerce.number({ error: `${name} must be a whole number` }).int(`${name} must be a whole number`).positive(`${name} must be greater than 0`).default(dflt);

const quantity = (name: string, dflt: string) =>
  z
    .string()
    .regex(/^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/, `${name} must be a Kubernetes quantity such as 4, 500m or 8Gi`)
    .default(dflt);

const port = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a port number (1-65535)` })
    .int(`${name} must be a port number (1-65535)`)
    .min(1, `${name} must be a port number (1-65535)`)
    .max(65535, `${name} must be a port number (1-65535)`)
    .optional();

/** An IPv4 CIDR for Service ClusterIPs; as kube-apiserver, at most 20 host bits (a /12 or smaller). */
const serviceCIDR = (name: string, dflt: string) =>
  z
    .string()
    .refine((v) => {
      try {
        IpRange.parse(v);
        return true;
      } catch {
        return false;
      }
    }, `${name} must be an IPv4 CIDR such as 10.96.0.0/12`)
    .refine((v) => Number(v.split("/")[1]) >= 12, `${name} is too large: the prefix must be /12 or longer (at most 20 host bits, as kube-apiserver)`)
    .default(dflt);

const schema = z.object({
  PORT: positiveInt("PORT", 3000),
  WHEELHOUSE_API_PORT: port("WHEELHOUSE_API_PORT"),
  WHEELHOUSE_SERVICE_CIDR: serviceCIDR("WHEELHOUSE_SERVICE_CIDR", "10.96.0.0/12"),
  DATA_DIR: z.string().min(1).default("./data"),
  WHEELHOUSE_NODES: z.coerce.number().int("WHEELHOUSE_NODES must be a whole number").min(0, "WHEELHOUSE_NODES must be 0 or more").default(3),
  WHEELHOUSE_NODE_CPU: quantity("WHEELHOUSE_NODE_CPU", "4"),
  WHEELHOUSE_NODE_MEMORY: quantity("WHEELHOUSE_NODE_MEMORY", "16Gi"),
  WHEELHOUSE_NODE_PODS: positiveInt("WHEELHOUSE_NODE_PODS", 110),
  WHEELHOUSE_CLOCK_SPEED: z.coerce.number({ error: "WHEELHOUSE_CLOCK_SPEED must be a number" }).positive("WHEELHOUSE_CLOCK_SPEED must be greater than 0").default(1),
  WHEELHOUSE_DEMO: z.enum(["true", "false", "1", "0"], { error: "WHEELHOUSE_DEMO must be true or false" }).default("true"),
  WHEELHOUSE_SESSION_MAX_AGE: positiveInt("WHEELHOUSE_SESSION_MAX_AGE", 8 * 60 * 60),
  WHEELHOUSE_ADMIN_PASSWORD: z.string().min(8, "WHEELHOUSE_ADMIN_PASSWORD must be at least 8 characters").max(1024, "WHEELHOUSE_ADMIN_PASSWORD must be at most 1024 characters").optional(),
  WHEELHOUSE_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "WHEELHOUSE_OIDC_ISSUER must be an http(s) URL" }).optional(),
  WHEELHOUSE_OIDC_CLIENT_ID: z.string().optional(),
  WHEELHOUSE_OIDC_CLIENT_SECRET: z.string().optional(),
  WHEELHOUSE_OIDC_NAME: z.string().default("OpenID Connect"),
  WHEELHOUSE_OIDC_SCOPES: z.string().default("openid profile email groups"),
  WHEELHOUSE_OIDC_GROUPS_CLAIM: z.string().default("groups"),
}).superRefine((c, ctx) => {
  const set = [c.WHEELHOUSE_OIDC_ISSUER, c.WHEELHOUSE_OIDC_CLIENT_ID, c.WHEELHOUSE_OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (set > 0 && set < 3) {
    ctx.addIssue({ code: "custom", path: ["WHEELHOUSE_OIDC_ISSUER"], message: "OIDC login needs WHEELHOUSE_OIDC_ISSUER, WHEELHOUSE_OIDC_CLIENT_ID and WHEELHOUSE_OIDC_CLIENT_SECRET together" });
  }
});

/** The OpenID provider the console offers as a second way to sign in. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button says "Sign in with <name>". */
  name: string;
  scopes: string;
  /** The claim whose strings become the user's teams (as kube-apiserver's --oidc-groups-claim). */
  groupsClaim: string;
}

/** Wheelhouse's settings, from the environment. */
export interface ServerConfig {
  /** The console's (and the plain-HTTP API's) port. */
  port: number;
  /** The Kubernetes API's TLS port, the one admin.kubeconfig names (WHEELHOUSE_API_PORT, default `port + 1`). */
  apiPort: number;
  /** The ClusterIP range of Services (WHEELHOUSE_SERVICE_CIDR, kube-apiserver's --service-cluster-ip-range; default 10.96.0.0/12). */
  serviceCIDR: string;
  dataDir: string;
  nodes: { count: number; cpu: string; memory: string; pods: number };
  clockSpeed: number;
  demo: boolean;
  /** Console session lifetime in seconds (WHEELHOUSE_SESSION_MAX_AGE, default 8 h). */
  sessionMaxAge: number;
  /** Set when WHEELHOUSE_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are. */
  oidc?: OidcConfig;
  /** The first start's password for user `admin` (WHEELHOUSE_ADMIN_PASSWORD); generated and printed once when absent. */
  adminPassword?: string;
}

/** Parse `env`; throws an Error listing every bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const result = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join("\n")}`);
  }
  const c = result.data;
  return {
    port: c.PORT,
    apiPort: c.WHEELHOUSE_API_PORT ?? c.PORT + 1,
    serviceCIDR: IpRange.parse(c.WHEELHOUSE_SERVICE_CIDR).cidr,
    dataDir: path.resolve(c.DATA_DIR),
    nodes: { count: c.WHEELHOUSE_NODES, cpu: c.WHEELHOUSE_NODE_CPU, memory: c.WHEELHOUSE_NODE_MEMORY, pods: c.WHEELHOUSE_NODE_PODS },
    clockSpeed: c.WHEELHOUSE_CLOCK_SPEED,
    demo: c.WHEELHOUSE_DEMO === "true" || c.WHEELHOUSE_DEMO === "1",
    sessionMaxAge: c.WHEELHOUSE_SESSION_MAX_AGE,
    ...(c.WHEELHOUSE_ADMIN_PASSWORD ? { adminPassword: c.WHEELHOUSE_ADMIN_PASSWORD } : {}),
    ...(c.WHEELHOUSE_OIDC_ISSUER && c.WHEELHOUSE_OIDC_CLIENT_ID && c.WHEELHOUSE_OIDC_CLIENT_SECRET
      ? {
          oidc: {
            issuer: c.WHEELHOUSE_OIDC_ISSUER.replace(/\/+$/, ""),
            clientId: c.WHEELHOUSE_OIDC_CLIENT_ID,
            clientSecret: c.WHEELHOUSE_OIDC_CLIENT_SECRET,
            name: c.WHEELHOUSE_OIDC_NAME,
            scopes: c.WHEELHOUSE_OIDC_SCOPES,
            groupsClaim: c.WHEELHOUSE_OIDC_GROUPS_CLAIM,
          },
        }
      : {}),
  };
}
