// Why: kubectl create namespace|deployment|role|rolebinding|token send protobuf; these are bodies kubectl 1.32 sent, decoded to the JSON the pipeline expects.

import { describe, expect, it } from "vitest";
import { decodeProtobufObject } from "./protobuf";

const body = (b64: string) => new Uint8Array(Buffer.from(b64, "base64"));

/** Captured from kubectl v1.32 (`-v=9` prints the request body as a hex dump): create namespace pbns; create deployment pbweb --image=nginx:1.27 --replicas=0; create deployment pb2 --image=busybox --replicas=3 --port=8080 -- sleep 10. */
const NAMESPACE = "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEhwKFAoEcGJucxIAGgAiACoAMgA4AEIAEgAaAgoAGgAiAA==";
const DEPLOYMENT_ZERO = "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50Er0BCicKBXBid2ViEgAaBHBibnMiACoAMgA4AEIAWgwKA2FwcBIFcGJ3ZWISgwEIABIOCgwKA2FwcBIFcGJ3ZWIaZwoeCgASABoAIgAqADIAOABCAFoMCgNhcHASBXBid2ViEkUSJwoFbmdpbngSCm5naW54OjEuMjcqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAiAgoAKAA4ABoMCAAQABgAIAAoADgAGgAiAA==";
const DEPLOYMENT_CMD = "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EswBCiMKA3BiMhIAGgRwYm5zIgAqADIAOABCAFoKCgNhcHASA3BiMhKWAQgDEgwKCgoDYXBwEgNwYjIafAocCgASABoAIgAqADIAOABCAFoKCgNhcHASA3BiMhJcEj4KB2J1c3lib3gSB2J1c3lib3gaBXNsZWVwGgIxMCoAMgsKABAAGJA/IgAqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAiAgoAKAA4ABoMCAAQABgAIAAoADgAGgAiAA==";

describe("decodeProtobufObject", () => {
  it("decodes kubectl create namespace", () => {
    expect(decodeProtobufObject(body(NAMESPACE))).toEqual({ apiVersion: "v1", kind: "Namespace", metadata: { name: "pbns" }, spec: {} });
  });

  it("keeps an explicit replicas: 0 (a pointer field)", () => {
    expect(decodeProtobufObject(body(DEPLOYMENT_ZERO))).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "pbweb", namespace: "pbns", labels: { app: "pbweb" } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "pbweb" } },
        template: { metadata: { labels: { app: "pbweb" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } },
        strategy: {},
      },
    });
  });

  it("decodes command and ports", () => {
    const d = decodeProtobufObject(body(DEPLOYMENT_CMD)) as unknown as { spec: { replicas: number; template: { spec: { containers: unknown[] } } } };
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers).toEqual([{ name: "busybox", image: "busybox", command: ["sleep", "10"], ports: [{ containerPort: 8080 }] }]);
  });

  it.each([
    {
      name: "create configmap cfg --from-literal=a=1 --from-literal=b=two",
      b64: "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEisKFwoDY2ZnEgAaBHBibnMiACoAMgA4AEIAEgYKAWESATESCAoBYhIDdHdvGgAiAA==",
      want: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "pbns" }, data: { a: "1", b: "two" } },
    },
    {
      name: "create secret generic sec --from-literal=pw=s3cret (data base64 as in JSON)",
      b64: "azhzAAoMCgJ2MRIGU2VjcmV0EikKFwoDc2VjEgAaBHBibnMiACoAMgA4AEIAEgwKAnB3EgZzM2NyZXQaABoAIgA=",
      want: { apiVersion: "v1", kind: "Secret", metadata: { name: "sec", namespace: "pbns" }, data: { pw: Buffer.from("s3cret").toString("base64") } },
    },
    { name: "create serviceaccount robot", b64: "azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSGwoZCgVyb2JvdBIAGgRwYm5zIgAqADIAOABCABoAIgA=", want: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot", namespace: "pbns" } } },
    {
      name: "create service clusterip svc1 --tcp=80:8080",
      b64: "azhzAAoNCgJ2MRIHU2VydmljZRJwCiUKBHN2YzESABoEcGJucyIAKgAyADgAQgBaCwoDYXBwEgRzdmMxEkMKGwoHODAtODA4MBIDVENQGFAiBwgAEJA/GgAoABILCgNhcHASBHN2YzEaACIJQ2x1c3RlcklQOgBCAFIAWgBgAGgAGgIKABoAIgA=",
      want: {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "svc1", namespace: "pbns", labels: { app: "svc1" } },
        spec: { ports: [{ name: "80-8080", protocol: "TCP", port: 80, targetPort: 8080 }], selector: { app: "svc1" }, type: "ClusterIP" },
      },
    },
  ])("decodes kubectl $name", ({ b64, want }) => {
    expect(decodeProtobufObject(body(b64))).toEqual(want);
  });

  it.each([
    {
      name: "auth can-i create deployments (SelfSubjectAccessReview)",
      b64: "azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSSgoQCgASABoAIgAqADIAOABCABIsCioKB2RlZmF1bHQSBmNyZWF0ZRoEYXBwcyIAKgtkZXBsb3ltZW50czIAOgAaCAgAEgAaACAAGgAiAA==",
      want: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", metadata: {}, spec: { resourceAttributes: { namespace: "default", verb: "create", group: "apps", resource: "deployments" } } },
    },
    {
      name: "auth can-i --list (SelfSubjectRulesReview)",
      b64: "azhzAAoxChdhdXRob3JpemF0aW9uLms4cy5pby92MRIWU2VsZlN1YmplY3RSdWxlc1JldmlldxIjChAKABIAGgAiACoAMgA4AEIAEgkKB2RlZmF1bHQaBBgAIgAaACIA",
      want: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", metadata: {}, spec: { namespace: "default" } },
    },
    {
      name: "auth whoami (SelfSubjectReview)",
      b64: "azhzAAotChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESEVNlbGZTdWJqZWN0UmV2aWV3EhoKEAoAEgAaACIAKgAyADgAQgASBgoECgASABoAIgA=",
      want: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview", metadata: {} },
    },
  ])("decodes kubectl $name", ({ b64, want }) => {
    expect(decodeProtobufObject(body(b64))).toEqual(want);
  });

  it.each([
    {
      name: "create role pod-reader --verb=get,list --resource=pods (apiGroups: [\"\"] is kept)",
      b64: "azhzAAokChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgRSb2xlEjYKHwoKcG9kLXJlYWRlchIAGgVjYXBucyIAKgAyADgAQgASEwoDZ2V0CgRsaXN0EgAaBHBvZHMaACIA",
      want: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "pod-reader", namespace: "capns" }, rules: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }] },
    },
    {
      name: "create clusterrole cr1 --verb=get,list,watch --resource=deployments.apps,pods --resource-name=a",
      b64: "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRJeChMKA2NyMRIAGgAiACoAMgA4AEIAEh0KA2dldAoEbGlzdAoFd2F0Y2gSABoEcG9kcyIBYRIoCgNnZXQKBGxpc3QKBXdhdGNoEgRhcHBzGgtkZXBsb3ltZW50cyIBYRoAIgA=",
      want: {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRole",
        metadata: { name: "cr1" },
        rules: [
          { verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods"], resourceNames: ["a"] },
          { verbs: ["get", "list", "watch"], apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["a"] },
        ],
      },
    },
    {
      name: "create clusterrole agg --aggregation-rule=rbac.example.com/aggregate=true",
      b64: "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRI9ChMKA2FnZxIAGgAiACoAMgA4AEIAGiYKJAoiChpyYmFjLmV4YW1wbGUuY29tL2FnZ3JlZ2F0ZRIEdHJ1ZRoAIgA=",
      want: {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRole",
        metadata: { name: "agg" },
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate": "true" } }] },
      },
    },
    {
      name: "create clusterrole nr --verb=get --non-resource-url=/logs/*",
      b64: "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRIkChIKAm5yEgAaACIAKgAyADgAQgASDgoDZ2V0KgcvbG9ncy8qGgAiAA==",
      want: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "nr" }, rules: [{ verbs: ["get"], nonResourceURLs: ["/logs/*"] }] },
    },
    {
      name: "create rolebinding rb1 --role=pod-reader --user=alice --group=devs --serviceaccount=capns:bot",
      b64: "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtSb2xlQmluZGluZxLBAQoYCgNyYjESABoFY2FwbnMiACoAMgA4AEIAEioKBFVzZXISGXJiYWMuYXV0aG9yaXphdGlvbi5rOHMuaW8aBWFsaWNlIgASKgoFR3JvdXASGXJiYWMuYXV0aG9yaXphdGlvbi5rOHMuaW8aBGRldnMiABIeCg5TZXJ2aWNlQWNjb3VudBIAGgNib3QiBWNhcG5zGi0KGXJiYWMuYXV0aG9yaXphdGlvbi5rOHMuaW8SBFJvbGUaCnBvZC1yZWFkZXIaACIA",
      want: {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "rb1", namespace: "capns" },
        subjects: [
          { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" },
          { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "devs" },
          { kind: "ServiceAccount", name: "bot", namespace: "capns" },
        ],
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" },
      },
    },
    {
      name: "create clusterrolebinding crb1 --clusterrole=cr1 --user=alice",
      b64: "azhzAAoyChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEhJDbHVzdGVyUm9sZUJpbmRpbmcScQoUCgRjcmIxEgAaACIAKgAyADgAQgASKgoEVXNlchIZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxoFYWxpY2UiABotChlyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvEgtDbHVzdGVyUm9sZRoDY3IxGgAiAA==",
      want: {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        metadata: { name: "crb1" },
        subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" }],
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cr1" },
      },
    },
  ])("decodes kubectl $name", ({ b64, want }) => {
    expect(decodeProtobufObject(body(b64))).toEqual(want);
  });

  it.each([
    {
      name: "create token bot (no duration: expirationSeconds absent, status empty)",
      b64: "azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBIaChAKABIAGgAiACoAMgA4AEIAEgAaBAoAEgAaACIA",
      want: { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", metadata: {}, spec: {} },
    },
    {
      name: "create token bot --duration=2h --audience=https://a.example --bound-object-kind=Secret --bound-object-name=s1 --bound-object-uid=u1",
      b64: "azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBJGChAKABIAGgAiACoAMgA4AEIAEiwKEWh0dHBzOi8vYS5leGFtcGxlGhQKBlNlY3JldBICdjEaAnMxIgJ1MSCgOBoECgASABoAIgA=",
      want: {
        apiVersion: "authentication.k8s.io/v1",
        kind: "TokenRequest",
        metadata: {},
        spec: { audiences: ["https://a.example"], boundObjectRef: { kind: "Secret", apiVersion: "v1", name: "s1", uid: "u1" }, expirationSeconds: 7200 },
      },
    },
    {
      name: "create token bot --duration=1m (sent as is: the server refuses it)",
      b64: "azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBIcChAKABIAGgAiACoAMgA4AEIAEgIgPBoECgASABoAIgA=",
      want: { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", metadata: {}, spec: { expirationSeconds: 60 } },
    },
  ])("decodes kubectl $name", ({ b64, want }) => {
    expect(decodeProtobufObject(body(b64))).toEqual(want);
  });

  it.each([
    { name: "no magic", bytes: new Uint8Array([1, 2, 3, 4, 5]) },
    { name: "truncated", bytes: body(NAMESPACE).subarray(0, 20) },
    { name: "a kind it does not know", bytes: new Uint8Array([0x6b, 0x38, 0x73, 0, 0x0a, 0x0b, 0x0a, 0x02, 0x76, 0x31, 0x12, 0x05, ...Buffer.from("Event")]) },
  ])("$name is a 415", ({ bytes }) => {
    expect(() => decodeProtobufObject(bytes)).toThrow(expect.objectContaining({ code: 415 }));
  });

  it("refuses a field it cannot decode instead of dropping it", () => {
    const b = Buffer.from(body(NAMESPACE));
    // Append an unknown non-empty field 9 (string "x") to the raw Namespace: raw is the last field of the Unknown message.
    const extra = Buffer.from([0x4a, 0x01, 0x78]);
    const rawAt = b.indexOf(Buffer.from([0x12]), 4 + 2 + b[5]);
    const rawLen = b[rawAt + 1];
    const patched = Buffer.concat([b.subarray(0, rawAt + 1), Buffer.from([rawLen + 3]), b.subarray(rawAt + 2, rawAt + 2 + rawLen), extra, b.subarray(rawAt + 2 + rawLen)]);
    expect(() => decodeProtobufObject(new Uint8Array(patched))).toThrow(/protobuf field 9 of Namespace/);
  });
});
