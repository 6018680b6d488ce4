// Why: bearer tokens are tried in the documented order (admin token, personal access token, ServiceAccount JWT), and a token of one kind is never offered to another store.

import { describe, expect, it } from "vitest";
import type { UserInfo } from "@/core/apiserver/types";
import { authenticateBearer, type BearerAuthenticators } from "./authenticate-token";

const PAT = `whp_${"a".repeat(43)}`;
const JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
const user = (name: string): UserInfo => ({ name, groups: ["system:authenticated"] });

function deps(known: { admin?: string[]; pat?: string[]; sa?: string[] }) {
  const asked: string[] = [];
  const d: BearerAuthenticators = {
    adminToken: (t) => (asked.push(`admin:${t}`), known.admin?.includes(t) ? user("admin") : undefined),
    accessToken: async (t) => (asked.push(`pat:${t}`), known.pat?.includes(t) ? user("alice") : undefined),
    serviceAccountToken: async (t) => (asked.push(`sa:${t}`), known.sa?.includes(t) ? user("system:serviceaccount:ci:bot") : undefined),
  };
  return { d, asked };
}

describe("authenticateBearer", () => {
  it.each([
    { name: "the admin token", token: "admintoken", known: { admin: ["admintoken"] }, want: "admin", asked: ["admin:admintoken"] },
    { name: "a personal access token", token: PAT, known: { pat: [PAT] }, want: "alice", asked: [`admin:${PAT}`, `pat:${PAT}`] },
    { name: "a ServiceAccount token", token: JWT, known: { sa: [JWT] }, want: "system:serviceaccount:ci:bot", asked: [`admin:${JWT}`, `sa:${JWT}`] },
    { name: "an unknown personal access token (never offered to the JWT check)", token: PAT, known: {}, want: undefined, asked: [`admin:${PAT}`, `pat:${PAT}`] },
    { name: "an unknown JWT", token: JWT, known: {}, want: undefined, asked: [`admin:${JWT}`, `sa:${JWT}`] },
    { name: "a token of no known shape", token: "garbage", known: {}, want: undefined, asked: ["admin:garbage"] },
    { name: "an empty token", token: "", known: {}, want: undefined, asked: [] },
  ])("$name", async ({ token, known, want, asked }) => {
    const { d, asked: got } = deps(known);
    expect((await authenticateBearer(token, d))?.name).toBe(want);
    expect(got).toEqual(asked);
  });

  it("prefers the admin store when a token is known there", async () => {
    const { d, asked } = deps({ admin: [PAT], pat: [PAT] });
    expect((await authenticateBearer(PAT, d))?.name).toBe("admin");
    expect(asked).toEqual([`admin:${PAT}`]);
  });

  it("works with only some authenticators", async () => {
    expect(await authenticateBearer(PAT, {})).toBeUndefined();
    expect(await authenticateBearer(JWT, { adminToken: () => undefined })).toBeUndefined();
  });
});
