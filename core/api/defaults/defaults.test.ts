import { describe, it, expect } from "vitest";
import { resourceTypeFor } from "../resources";
import type { KubeObject } from "../types";
import { applyDefaults } from "./defaults";
import { defaultPullPolicy } from "./pod";

/* eslint-disable @typescript-eslint/no-explicit-any */
const def = (o: any): any => applyDefaults(o as KubeObject, resourceTypeFor(o.apiVersion, o.kind)!);

describe("applyDefaults", () => {
  it.each([
    { image: "nginx", want: "Always" },
    { image: "nginx:latest", want: "Always" },
    { image: "nginx:1.27", want: "IfNotPresent" },
    { image: "registry:5000/team/app", want: "Always" },
    { image: "registry:5000/team/app:v2", want: "IfNotPresent" },
    { image: "nginx@sha256:abc", want: "IfNotPresent" },
  ])("imagePullPolicy for $image is $want", ({ image, want }) => {
    expect(defaultPullPolicy(image)).toBe(want);
  });

  it("defaults a Pod as SetDefaults_Pod does", () => {
    const p = def({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: {
        containers: [
          {
            name: "c",
            image: "nginx:1.27",
            ports: [{ containerPort: 80 }],
            resources: { limits: { cpu: "500m", memory: "128Mi" } },
            livenessProbe: { httpGet: { port: 80 } },
          },
        ],
        volumes: [{ name: "cfg", configMap: { name: "c" } }, { name: "scratch" }],
      },
    });
    expect(p.spec).toMatchObject({
      restartPolicy: "Always",
      dnsPolicy: "ClusterFirst",
      schedulerName: "default-scheduler",
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      enableServiceLinks: true,
    });
    const c = p.spec.containers[0];
    expect(c).toMatchObject({ imagePullPolicy: "IfNotPresent", terminationMessagePath: "/dev/termination-log", terminationMessagePolicy: "File" });
    expect(c.ports[0].protocol).toBe("TCP");
    expect(c.resources.requests).toEqual({ cpu: "500m", memory: "128Mi" });
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: "/", scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(p.spec.volumes).toEqual([{ name: "cfg", configMap: { name: "c", defaultMode: 420 } }, { name: "scratch", emptyDir: {} }]);
  });

  it("keeps explicit values and partial requests", () => {
    const p = def({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { restartPolicy: "Never", terminationGracePeriodSeconds: 0, containers: [{ name: "c", image: "x", resources: { requests: { cpu: "100m" }, limits: { cpu: "1", memory: "1Gi" } } }] },
    });
    expect(p.spec.restartPolicy).toBe("Never");
    expect(p.spec.terminationGracePeriodSeconds).toBe(0);
    expect(p.spec.containers[0].resources.requests).toEqual({ cpu: "100m", memory: "1Gi" });
  });

  it("defaults a Deployment (apps/v1) and its template, but not Pod-only fields", () => {
    const d = def({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { template: { spec: { containers: [{ name: "c", image: "nginx" }] } } } });
    expect(d.spec).toMatchObject({ replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } } });
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: "Always", dnsPolicy: "ClusterFirst", schedulerName: "default-scheduler" });
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
    expect(d.spec.template.spec.containers[0].imagePullPolicy).toBe("Always");
  });

  it("does not add rollingUpdate to a Recreate Deployment", () => {
    const d = def({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { strategy: { type: "Recreate" }, template: { spec: { containers: [] } } } });
    expect(d.spec.strategy).toEqual({ type: "Recreate" });
  });

  it("defaults ReplicaSet replicas to 1", () => {
    expect(def({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "r" }, spec: {} }).spec.replicas).toBe(1);
  });

  it("defaults a Service: ClusterIP, None, TCP, targetPort = port", () => {
    const s = def({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 80 }, { port: 443, targetPort: "https" }] } });
    expect(s.spec).toEqual({
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      ports: [
        { port: 80, protocol: "TCP", targetPort: 80 },
        { port: 443, protocol: "TCP", targetPort: "https" },
      ],
    });
  });

  it("labels a Namespace with its name and types Secrets Opaque", () => {
    expect(def({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } }).metadata.labels).toEqual({ "kubernetes.io/metadata.name": "demo" });
    expect(def({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" } }).type).toBe("Opaque");
  });

  it("merges a Secret's stringData into data, base64-encoded", () => {
    const s = def({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { a: "eA==", b: "eA==" }, stringData: { b: "héllo" } });
    expect(s.data).toEqual({ a: "eA==", b: "aMOpbGxv" });
    expect(s.stringData).toBeUndefined();
  });
});
