// Why: TokenRequest must check what Kubernetes checks, in its order (authorize, ServiceAccount, lifetime, bound object), and answer the spec it used with the token.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "@/core/api/types";
import type { AuthorizationAttributes } from "@/core/apiserver/authorizer";
import { makePod } from "@/core/testing/builders";
import type { Identity } from "@/server/identity";
import { DEFAULT_ISSUER, SA_SIGNING_KEY_FILE, ServiceAccountTokens } from "@/server/identity/service-account-tokens";
import { CONSOLE_ADMIN } from "@/server/runtime/types";
import { makeTestRuntime, type TestRuntime } from "@/server/services/testing/test-runtime";
import { requestToken, type TokenRequest } from "./token-request";

let t: TestRuntime;
let dir: string;
let sa: KubeObject;
let asked: AuthorizationAttributes[];

beforeEach(async () => {
  asked = [];
  t = await makeTestRuntime({
    authorizer: {
      authorize: (a) => {
        asked.push(a);
        return { allowed: a.user.name !== "mallory" };
      },
    },
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "wh-tokenreq-"));
  const tokens = new ServiceAccountTokens({ keyFile: path.join(dir, SA_SIGNING_KEY_FILE), now: () => t.clock.now() });
  t.rt.identity = { issueServiceAccountToken: (input: Parameters<ServiceAccountTokens["issue"]>[0]) => tokens.issue(input) } as unknown as Identity;
  await t.store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "ci" } });
  sa = await t.store.create<KubeObject>({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "bot", namespace: "ci" } });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const req = (spec: TokenRequest["spec"] = {}, metadata: KubeObject["metadata"] = {}): TokenRequest => ({ apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", metadata, spec });

describe("requestToken", () => {
  it("issues an hour-long token for the API audiences and answers the completed TokenRequest", async () => {
    const out = await requestToken(t.rt, CONSOLE_ADMIN, "ci", "bot", req());
    expect(out).toMatchObject({
      kind: "TokenRequest",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { name: "bot", namespace: "ci", creationTimestamp: expect.any(String) },
      spec: { audiences: [DEFAULT_ISSUER], expirationSeconds: 3600 },
      status: { token: expect.any(String), expirationTimestamp: expect.any(String) },
    });
    expect(Date.parse(out.status!.expirationTimestamp) - Date.parse(out.metadata.creationTimestamp!)).toBe(3600_000);
    const claims = decodeJwt(out.status!.token);
    expect(claims.sub).toBe("system:serviceaccount:ci:bot");
    expect(claims["kubernetes.io"]).toMatchObject({ serviceaccount: { name: "bot", uid: sa.metadata.uid } });
    expect(asked[0]).toMatchObject({ verb: "create", group: "", resource: "serviceaccounts", subresource: "token", namespace: "ci", name: "bot" });
  });

  it("keeps the requested audiences and lifetime", async () => {
    const out = await requestToken(t.rt, CONSOLE_ADMIN, "ci", "bot", req({ audiences: ["vault"], expirationSeconds: 7200 }));
    expect(out.spec).toEqual({ audiences: ["vault"], expirationSeconds: 7200 });
    expect(decodeJwt(out.status!.token).aud).toEqual(["vault"]);
  });

  it("is 403 without create on serviceaccounts/token, before anything else is looked at", async () => {
    await expect(requestToken(t.rt, { name: "mallory", groups: ["system:authenticated"] }, "ci", "missing", req())).rejects.toMatchObject({
      code: 403,
      message: expect.stringContaining('User "mallory" cannot create resource "serviceaccounts/token" in API group "" in the namespace "ci"'),
    });
  });

  it("is 404 for a ServiceAccount that does not exist", async () => {
    await expect(requestToken(t.rt, CONSOLE_ADMIN, "ci", "ghost", req())).rejects.toMatchObject({ code: 404, message: 'serviceaccounts "ghost" not found' });
  });

  it.each([
    { seconds: 60, message: 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes' },
    { seconds: 2 ** 32 + 1, message: 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds' },
  ])("is 422 for expirationSeconds $seconds", async ({ seconds, message }) => {
    await expect(requestToken(t.rt, CONSOLE_ADMIN, "ci", "bot", req({ expirationSeconds: seconds }))).rejects.toMatchObject({ code: 422, reason: "Invalid", message });
  });

  it("is 422 when the body names another ServiceAccount or namespace", async () => {
    await expect(requestToken(t.rt, CONSOLE_ADMIN, "ci", "bot", req({}, { name: "other" }))).rejects.toMatchObject({
      code: 422,
      message: 'TokenRequest.authentication.k8s.io "bot" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified',
    });
    await expect(requestToken(t.rt, CONSOLE_ADMIN, "ci", "bot", req({}, { namespace: "prod" }))).rejects.toMatchObject({ code: 422 });
  });

  it("is 503 when the runtime cannot sign tokens", async () => {
    t.rt.identity = undefined;
    await expect(requestToken(t.rt, CONSOLE_ADMIN, "ci", "bot", req())).rejects.toMatchObject({ code: 503, reason: "ServiceUnavailable" });
  });

  describe("spec.boundObjectRef", () => {
    it("binds to an existing Secret and names it in the token", async () => {
      const secret = await t.store.create<KubeObject>({ apiVersion: "v1", kind: "Secret", metadata: { name: "s1", namespace: "ci" } });
      const ref = { kind: "Secret", apiVersion: "v1", name: "s1", uid: secret.metadata.uid };
      const out = await requestToken(t.rt, CONSOLE_ADMIN, "ci", "bot", req({ boundObjectRef: ref }));
      expect(out.spec?.boundObjectRef).toEqual(ref);
      expect(decodeJwt(out.status!.token)["kubernetes.io"]).toMatchObject({ secret: { name: "s1", uid: secret.metadata.uid } });
    });

    it("binds to a Pod only when it runs as this ServiceAccount", async () => {
      await t.store.create(
        makePod("runner")
          .namespace("ci")
          .with((p) => (p.spec!.serviceAccountName = "bot"))
          .build(),
      );
      await t.store.create(makePod("other").namespace("ci").build());
      const out = await requestToken(t.rt, CONSOLE_ADMIN, "ci", "bot", req({ boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "runner" } }));
      expect(decodeJwt(out.status!.token)["kubernetes.io"]).toMatchObject({ pod: { name: "runner" } });
      await expect(requestToken(t.rt, CONSOLE_ADMIN, "ci", "bot", req({ boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "other" } }))).rejects.toMatchObject({
        code: 400,
        message: 'cannot bind token for serviceaccount "bot" to pod running with different serviceaccount name.',
      });
    });

    it.each([
      { ref: { kind: "ConfigMap", apiVersion: "v1", name: "c" }, code: 400, message: "cannot bind token to object of type /v1, Kind=ConfigMap" },
      { ref: { kind: "Deployment", apiVersion: "apps/v1", name: "d" }, code: 400, message: "cannot bind token to object of type apps/v1, Kind=Deployment" },
      { ref: { kind: "Secret", apiVersion: "v1", name: "missing" }, code: 404, message: 'secrets "missing" not found' },
      { ref: { kind: "Pod", apiVersion: "v1", name: "missing" }, code: 404, message: 'pods "missing" not found' },
    ])("refuses $ref.kind $ref.name with $code", async ({ ref, code, message }) => {
      await expect(requestToken(t.rt, CONSOLE_ADMIN, "ci", "bot", req({ boundObjectRef: ref }))).rejects.toMatchObject({ code, message });
    });

    it("is 409 when the uid does not match the object's", async () => {
      await t.store.create({ apiVersion: "v1", kind: "Secret", metadata: { name: "s1", namespace: "ci" } });
      await expect(requestToken(t.rt, CONSOLE_ADMIN, "ci", "bot", req({ boundObjectRef: { kind: "Secret", apiVersion: "v1", name: "s1", uid: "stale" } }))).rejects.toMatchObject({
        code: 409,
        message:
          'Operation cannot be fulfilled on Secret "s1": the UID in the bound object reference (stale) does not match the UID in record. The object might have been deleted and then recreated',
      });
    });
  });
});
