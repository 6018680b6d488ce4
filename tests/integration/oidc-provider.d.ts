// Why: oidc-provider ships no type declarations; the OIDC login test needs only its constructor, listen() and these options.
declare module "oidc-provider" {
  import type { Server } from "node:http";

  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }

  interface Configuration {
    clients?: Record<string, unknown>[];
    claims?: Record<string, string[]>;
    scopes?: string[];
    findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined>;
    pkce?: { required?: () => boolean };
    cookies?: { keys?: string[] };
    features?: Record<string, { enabled: boolean }>;
  }

  /** An OpenID Provider (a Koa app) serving discovery, authorization, token, userinfo and JWKS. */
  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    listen(port: number, host: string, callback?: () => void): Server;
  }
}
