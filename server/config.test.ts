import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

describe("parseConfig", () => {
  it("fills defaults", () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.apiPort).toBe(3001);
    expect(c.nodes).toEqual({ count: 3, cpu: "4", memory: "16Gi", pods: 110 });
    expect(c.clockSpeed).toBe(1);
    expect(c.demo).toBe(true);
    expect(c.dataDir.endsWith("/data")).toBe(true);
  });

  it("reads every setting", () => {
    const c = parseConfig({ PORT: "8080", DATA_DIR: "/tmp/x", WHEELHOUSE_NODES: "5", WHEELHOUSE_NODE_CPU: "8", WHEELHOUSE_NODE_MEMORY: "32Gi", WHEELHOUSE_NODE_PODS: "50", WHEELHOUSE_CLOCK_SPEED: "10", WHEELHOUSE_DEMO: "false", WHEELHOUSE_API_PORT: "6443" });
    expect(c).toEqual({ port: 8080, apiPort: 6443, dataDir: "/tmp/x", nodes: { count: 5, cpu: "8", memory: "32Gi", pods: 50 }, clockSpeed: 10, demo: false });
  });

  it("puts the API port next to PORT by default", () => {
    expect(parseConfig({ PORT: "8080" }).apiPort).toBe(8081);
  });

  it.each([
    { name: "PORT", value: "http", message: "PORT must be a whole number" },
    { name: "WHEELHOUSE_NODE_MEMORY", value: "lots", message: "WHEELHOUSE_NODE_MEMORY must be a Kubernetes quantity" },
    { name: "WHEELHOUSE_CLOCK_SPEED", value: "-1", message: "WHEELHOUSE_CLOCK_SPEED must be greater than 0" },
    { name: "WHEELHOUSE_DEMO", value: "maybe", message: "WHEELHOUSE_DEMO must be true or false" },
    { name: "WHEELHOUSE_API_PORT", value: "70000", message: "WHEELHOUSE_API_PORT must be a port number (1-65535)" },
    { name: "WHEELHOUSE_API_PORT", value: "https", message: "WHEELHOUSE_API_PORT must be a port number (1-65535)" },
  ])("refuses a bad $name", ({ name, value, message }) => {
    expect(() => parseConfig({ [name]: value })).toThrow(message);
  });
});
