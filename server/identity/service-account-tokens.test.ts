// Why: ServiceAccount tokens carry Kubernetes' claims, survive restarts (the key is kept), and stop working when they expire or their ServiceAccount is gone or replaced.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/core/api/errors";
import { resourceTypeByKind } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import { FakeClock } from "@/core/clock/fake-clock";
import { MemoryStore } from "@/core/store/memory-store";
import {
  boundObjectLookup,
  CREDENTIAL_ID_EXTRA,
  DEFAULT_ISSUER,
  SA_SIGNING_KEY_FILE,
  serviceAccountLookup,
  ServiceAccountTokens,
  type BoundObjectLookup,
  type ServiceAccountLookup,
} from "./service-account-tokens";

let dir: string;
let clock: FakeClock;
let sas: Map<string, { metadata: { uid?: string; deletionTimestamp?: string } }>;
const lookup: ServiceAccountLookup = (ns, name) => sas.get(`${ns}/${name}`);
const make = (keyDir = dir) => new ServiceAccountTokens({ keyFile: path.join(keyDir, SA_SIGNING_KEY_FILE), now: () => clock.now() });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "wh-sa-"));
  clock = new FakeClock("2026-05-01T12:00:00Z");
  sas = new Map([["ci/deployer", { metadata: { uid: "uid-1" } }]]);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const request = { namespace: "ci", name: "deployer", uid: "uid-1" };

describe("ServiceAccountTokens", () => {
  it("issues an ES256 JWT with Kubernetes' claims, valid for an hour by default", async () => {
    const { token, expirationTimestamp } = await make().issue(request);
    expect(expirationTimestamp).toBe("2026-05-01T13:00:00Z");
    expect(decodeProtectedHeader(token)).toEqual({ alg: "ES256", kid: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const iat = Date.parse("2026-05-01T12:00:00Z") / 1000;
    expect(decodeJwt(token)).toEqual({
      iss: DEFAULT_ISSUER,
      sub: "system:serviceaccount:ci:deployer",
      aud: [DEFAULT_ISSUER],
      iat,
      nbf: iat,
      exp: iat + 3600,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      "kubernetes.io": { namespace: "ci", serviceaccount: { name: "deployer", uid: "uid-1" } },
    });
  });

  it("verifies to the ServiceAccount's user with its groups and credential id", async () => {
    const tokens = make();
    const { token } = await tokens.issue(request);
    const jti = decodeJwt(token).jti;
    expect(await tokens.verify(token, lookup)).toEqual({
      name: "system:serviceaccount:ci:deployer",
      uid: "uid-1",
      groups: ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"],
      extra: { [CREDENTIAL_ID_EXTRA]: [`JTI=${jti}`] },
    });
  });

  it("keeps its key in a 0600 file, so tokens survive a restart", async () => {
    const { token } = await make().issue(request);
    expect(fs.statSync(path.join(dir, SA_SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, SA_SIGNING_KEY_FILE), "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect((await make().verify(token, lookup))?.name).toBe("system:serviceaccount:ci:deployer");
  });

  it("refuses a token signed with another cluster's key", async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "wh-sa-other-"));
    try {
      const { token } = await make(other).issue(request);
      expect(await make().verify(token, lookup)).toBeUndefined();
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it("expires at exp", async () => {
    const tokens = make();
    const { token } = await tokens.issue({ ...request, expirationSeconds: 600 });
    clock.step(599_000);
    expect(await tokens.verify(token, lookup)).toBeDefined();
    clock.step(1_000);
    expect(await tokens.verify(token, lookup)).toBeUndefined();
  });

  it.each([
    { name: "the ServiceAccount was deleted", change: () => sas.delete("ci/deployer") },
    { name: "the ServiceAccount was recreated with a new uid", change: () => sas.set("ci/deployer", { metadata: { uid: "uid-2" } }) },
    { name: "the ServiceAccount is being deleted", change: () => sas.set("ci/deployer", { metadata: { uid: "uid-1", deletionTimestamp: "2026-05-01T12:00:00Z" } }) },
  ])("refuses the token when $name", async ({ change }) => {
    const tokens = make();
    const { token } = await tokens.issue(request);
    change();
    expect(await tokens.verify(token, lookup)).toBeUndefined();
  });

  it("refuses tokens for other audiences and accepts ones that include the API's", async () => {
    const tokens = make();
    const vault = await tokens.issue({ ...request, audiences: ["vault"] });
    expect(decodeJwt(vault.token).aud).toEqual(["vault"]);
    expect(await tokens.verify(vault.token, lookup)).toBeUndefined();
    const both = await tokens.issue({ ...request, audiences: ["vault", DEFAULT_ISSUER] });
    expect(await tokens.verify(both.token, lookup)).toBeDefined();
  });

  it.each([
    { name: "a non-JWT", mangle: () => "whp_notajwt" },
    { name: "a tampered payload", mangle: (t: string) => { const [h, , s] = t.split("."); return `${h}.${Buffer.from(JSON.stringify({ sub: "system:serviceaccount:kube-system:admin" })).toString("base64url")}.${s}`; } },
    { name: "a tampered signature", mangle: (t: string) => `${t.slice(0, -2)}${t.endsWith("AA") ? "BB" : "AA"}` },
    { name: "an unsigned token", mangle: (t: string) => { const [, p] = t.split("."); return `${Buffer.from('{"alg":"none"}').toString("base64url")}.${p}.`; } },
  ])("refuses $name", async ({ mangle }) => {
    const tokens = make();
    const { token } = await tokens.issue(request);
    expect(await tokens.verify(mangle(token), lookup)).toBeUndefined();
  });

  it.each([
    { seconds: 599, message: "spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes" },
    { seconds: 2 ** 32 + 1, message: "spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds" },
    { seconds: 700.5, message: "spec.expirationSeconds: Invalid value: 700.5: must be a whole number of seconds" },
  ])("refuses expirationSeconds $seconds with 422", async ({ seconds, message }) => {
    const err = await make().issue({ ...request, expirationSeconds: seconds }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toMatchObject({ code: 422, reason: "Invalid", message: `TokenRequest.authentication.k8s.io "" is invalid: ${message}` });
  });

  it("accepts the limits themselves", async () => {
    const tokens = make();
    expect((await tokens.issue({ ...request, expirationSeconds: 600 })).expirationTimestamp).toBe("2026-05-01T12:10:00Z");
    const long = await tokens.issue({ ...request, expirationSeconds: 2 ** 32 });
    expect(decodeJwt(long.token).exp).toBe(Date.parse("2026-05-01T12:00:00Z") / 1000 + 2 ** 32);
  });

  it("reports the audiences and lifetime it used (TokenRequest's spec)", async () => {
    expect(await make().issue(request)).toMatchObject({ audiences: [DEFAULT_ISSUER], expirationSeconds: 3600 });
    expect(await make().issue({ ...request, audiences: ["vault"], expirationSeconds: 7200 })).toMatchObject({ audiences: ["vault"], expirationSeconds: 7200 });
  });

  describe("bound to an object", () => {
    let objects: Map<string, { metadata: { uid?: string; deletionTimestamp?: string } }>;
    const bound: BoundObjectLookup = (kind, ns, name) => objects.get(`${kind}/${ns}/${name}`);
    beforeEach(() => {
      objects = new Map([
        ["Secret/ci/s1", { metadata: { uid: "sec-1" } }],
        ["Node//n1", { metadata: { uid: "node-1" } }],
      ]);
    });

    it("names the object in its claims and authenticates while it exists with that uid", async () => {
      const tokens = make();
      const { token } = await tokens.issue({ ...request, boundObject: { kind: "Secret", name: "s1", uid: "sec-1" } });
      expect(decodeJwt(token)["kubernetes.io"]).toEqual({ namespace: "ci", serviceaccount: { name: "deployer", uid: "uid-1" }, secret: { name: "s1", uid: "sec-1" } });
      expect((await tokens.verify(token, lookup, bound))?.name).toBe("system:serviceaccount:ci:deployer");
      // Without a way to check the bound object, a bound token does not authenticate.
      expect(await tokens.verify(token, lookup)).toBeUndefined();
      objects.set("Secret/ci/s1", { metadata: { uid: "sec-2" } });
      expect(await tokens.verify(token, lookup, bound)).toBeUndefined();
      objects.delete("Secret/ci/s1");
      expect(await tokens.verify(token, lookup, bound)).toBeUndefined();
    });

    it("looks a Node up cluster-wide and honours a future deletionTimestamp until it passes", async () => {
      const tokens = make();
      const { token } = await tokens.issue({ ...request, boundObject: { kind: "Node", name: "n1", uid: "node-1" } });
      expect(await tokens.verify(token, lookup, bound)).toBeDefined();
      objects.set("Node//n1", { metadata: { uid: "node-1", deletionTimestamp: "2026-05-01T12:00:30Z" } });
      expect(await tokens.verify(token, lookup, bound)).toBeDefined();
      await clock.advance(60_000);
      expect(await tokens.verify(token, lookup, bound)).toBeUndefined();
    });

    it("reads Pods, Secrets and Nodes from a real store through boundObjectLookup", async () => {
      const store = new MemoryStore({ clock });
      await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "ci" } });
      const secret = await store.create<KubeObject>({ apiVersion: "v1", kind: "Secret", metadata: { name: "s1", namespace: "ci" } });
      const fromStore = boundObjectLookup(store);
      expect((await fromStore("Secret", "ci", "s1"))?.metadata.uid).toBe(secret.metadata.uid);
      expect(await fromStore("Pod", "ci", "missing")).toBeUndefined();
    });
  });

  it("follows the ServiceAccounts of a real store through serviceAccountLookup", async () => {
    const store = new MemoryStore({ clock });
    await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "ci" } });
    const sa: KubeObject = await store.create<KubeObject>({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "deployer", namespace: "ci" } });
    const tokens = make();
    const { token } = await tokens.issue({ namespace: "ci", name: "deployer", uid: sa.metadata.uid! });
    const fromStore = serviceAccountLookup(store);
    expect((await tokens.verify(token, fromStore))?.uid).toBe(sa.metadata.uid);
    await store.delete(resourceTypeByKind("", "ServiceAccount")!, "ci", "deployer");
    await store.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "deployer", namespace: "ci" } });
    expect(await tokens.verify(token, fromStore)).toBeUndefined();
  });
});
