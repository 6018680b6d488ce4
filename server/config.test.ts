import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

describe("parseConfig", () => {
  it("fills defaults", () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.apiPort).toBe(3001);
    expect(c.serviceCIDR).toBe("10.96.0.0/12");
    expect(c.nodes).toEqual({ count: 3, cpu: "4", memory: "16Gi", pods: 110 });
    expect(c.clockSpeed).toBe(1);
    expect(c.demo).toBe(true);
    expect(c.dataDir.endsWith("/data")).toBe(true);
  });

  it("reads every setting", () => {
    const c = parseConfig({ PORT: "8080", DATA_DIR: "/tmp/x", WHEELHOUSE_NODES: "5", WHEELHOUSE_NODE_CPU: "8", WHEELHOUSE_NODE_MEMORY: "32Gi", WHEELHOUSE_NODE_PODS: "50", WHEELHOUSE_CLOCK_SPEED: "10", WHEELHOUSE_DEMO: "false", WHEELHOUSE_API_PORT: "6443", WHEELHOUSE_SERVICE_CIDR: "172.20.0.0/16" });
    expect(c).toEqual({ port: 8080, apiPort: 6443, serviceCIDR: "172.20.0.0/16", dataDir: "/tmp/x", nodes: { count: 5, cpu: "8", memory: "32Gi", pods: 50 }, clockSpeed: 10, demo: false, sessionMaxAge: 28800 });
  });

  it("keeps console sessions 8 hours unless WHEELHOUSE_SESSION_MAX_AGE says otherwise", () => {
    expect(parseConfig({}).sessionMaxAge).toBe(8 * 3600);
    expect(parseConfig({ WHEELHOUSE_SESSION_MAX_AGE: "900" }).sessionMaxAge).toBe(900);
  });

  it("offers OIDC login only with issuer, client id and secret", () => {
    expect(parseConfig({}).oidc).toBeUndefined();
    expect(parseConfig({ WHEELHOUSE_OIDC_ISSUER: "https://idp.example/realms/x/", WHEELHOUSE_OIDC_CLIENT_ID: "wh", WHEELHOUSE_OIDC_CLIENT_SECRET: "s" }).oidc).toEqual({
      issuer: "https://idp.example/realms/x",
      clientId: "wh",
      clientSecret: "s",
      name: "OpenID Connect",
      scopes: "openid profile email groups",
      groupsClaim: "groups",
    });
    expect(() => parseConfig({ WHEELHOUSE_OIDC_ISSUER: "https://idp.example" })).toThrow("OIDC login needs WHEELHOUSE_OIDC_ISSUER, WHEELHOUSE_OIDC_CLIENT_ID and WHEELHOUSE_OIDC_CLIENT_SECRET together");
  });

  it("puts the API port next to PORT by default", () => {
    expect(parseConfig({ PORT: "8080" }).apiPort).toBe(8081);
  });

  it("canonicalizes the service CIDR as kube-apiserver prints it", () => {
    expect(parseConfig({ WHEELHOUSE_SERVICE_CIDR: "10.100.3.4/16" }).serviceCIDR).toBe("10.100.0.0/16");
  });

  it.each([
    { name: "WHEELHOUSE_SERVICE_CIDR", value: "10.96.0.0", message: "WHEELHOUSE_SERVICE_CIDR must be an IPv4 CIDR such as 10.96.0.0/12" },
    { name: "WHEELHOUSE_SERVICE_CIDR", value: "fd00::/108", message: "WHEELHOUSE_SERVICE_CIDR must be an IPv4 CIDR such as 10.96.0.0/12" },
    { name: "WHEELHOUSE_SERVICE_CIDR", value: "10.0.0.0/8", message: "WHEELHOUSE_SERVICE_CIDR is too large" },
    { name: "PORT", value: "http", message: "PORT must be a whole number" },
    { name: "WHEELHOUSE_NODE_MEMORY", value: "lots", message: "WHEELHOUSE_NODE_MEMORY must be a Kubernetes quantity" },
    { name: "WHEELHOUSE_CLOCK_SPEED", value: "-1", message: "WHEELHOUSE_CLOCK_SPEED must be greater than 0" },
    { name: "WHEELHOUSE_DEMO", value: "maybe", message: "WHEELHOUSE_DEMO must be true or false" },
    { name: "WHEELHOUSE_API_PORT", value: "70000", message: "WHEELHOUSE_API_PORT must be a port number (1-65535)" },
    { name: "WHEELHOUSE_API_PORT", value: "https", message: "WHEELHOUSE_API_PORT must be a port number (1-65535)" },
    { name: "WHEELHOUSE_SESSION_MAX_AGE", value: "0", message: "WHEELHOUSE_SESSION_MAX_AGE must be greater than 0" },
    { name: "WHEELHOUSE_OIDC_ISSUER", value: "ftp://idp", message: "WHEELHOUSE_OIDC_ISSUER must be an http(s) URL" },
  ])("refuses a bad $name", ({ name, value, message }) => {
    expect(() => parseConfig({ [name]: value })).toThrow(message);
  });
});
