// Why: kubectl parses /openapi/v2 only as gnostic protobuf; decode what we encode and check the fields kubectl reads.
import { describe, expect, it } from "vitest";
import { encodeOpenApiV2, openApiV2Protobuf, wantsOpenApiV2Protobuf } from "./openapi-v2-protobuf";

/** Minimal protobuf reader: field number → raw values (numbers for varints, byte arrays for length-delimited). */
function read(buf: Uint8Array): Map<number, (number | Uint8Array)[]> {
  const out = new Map<number, (number | Uint8Array)[]>();
  let i = 0;
  const varint = () => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = buf[i++];
      n += (b & 127) * mul;
      if (b < 128) return n;
      mul *= 128;
    }
  };
  while (i < buf.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    let v: number | Uint8Array;
    if (wire === 0) v = varint();
    else if (wire === 2) {
      const len = varint();
      v = buf.subarray(i, i + len);
      i += len;
    } else throw new Error(`wire type ${wire}`);
    out.set(field, [...(out.get(field) ?? []), v]);
  }
  return out;
}
const text = (v: number | Uint8Array | undefined) => new TextDecoder().decode(v as Uint8Array);
const msg = (v: number | Uint8Array | undefined) => read(v as Uint8Array);
/** Named entries (NamedSchema, NamedAny…) of a repeated field as name → value bytes. */
const named = (entries: (number | Uint8Array)[] | undefined) => new Map((entries ?? []).map((e) => [text(msg(e).get(1)?.[0]), msg(e).get(2)?.[0] as Uint8Array]));

describe("openApiV2Protobuf", () => {
  const doc = read(openApiV2Protobuf());
  const definitions = named(msg(doc.get(9)?.[0]).get(1));

  it("writes swagger, info and the definitions by Kubernetes name", () => {
    expect(text(doc.get(1)?.[0])).toBe("2.0");
    expect(text(msg(doc.get(2)?.[0]).get(1)?.[0])).toBe("Kubernetes");
    expect(definitions.has("io.k8s.api.apps.v1.Deployment")).toBe(true);
    expect(definitions.size).toBeGreaterThan(300);
  });

  it("keeps GVK and merge-key vendor extensions as YAML text", () => {
    const deployment = read(definitions.get("io.k8s.api.apps.v1.Deployment")!);
    const ext = named(deployment.get(31));
    expect(JSON.parse(text(msg(ext.get("x-kubernetes-group-version-kind")).get(2)?.[0]))).toEqual([{ group: "apps", kind: "Deployment", version: "v1" }]);
    const podSpec = read(definitions.get("io.k8s.api.core.v1.PodSpec")!);
    const containers = read(named(msg(podSpec.get(25)?.[0]).get(1)).get("containers")!);
    expect(text(msg(containers.get(22)?.[0]).get(1)?.[0])).toBe("array");
    expect(JSON.parse(text(msg(named(containers.get(31)).get("x-kubernetes-patch-merge-key")).get(2)?.[0]))).toBe("name");
  });

  it("encodes required, refs, additionalProperties and path parameters", () => {
    const spec = read(definitions.get("io.k8s.api.apps.v1.DeploymentSpec")!);
    expect(spec.get(19)?.map(text)).toEqual(["selector", "template"]);
    const bytes = encodeOpenApiV2({
      swagger: "2.0",
      info: { title: "t", version: "v" },
      paths: { "/x/{name}": { patch: { operationId: "p", parameters: [{ name: "fieldValidation", in: "query", type: "string" }], responses: {} }, parameters: [{ name: "name", in: "path", required: true, type: "string" }] } },
      definitions: { m: { type: "object", additionalProperties: { $ref: "#/definitions/q" } } },
    });
    const top = read(bytes);
    const m = read(named(msg(top.get(9)?.[0]).get(1)).get("m")!);
    expect(text(msg(msg(m.get(21)?.[0]).get(1)?.[0]).get(1)?.[0])).toBe("#/definitions/q");
    const item = read(named(msg(top.get(8)?.[0]).get(2)).get("/x/{name}")!);
    const query = msg(msg(msg(msg(msg(item.get(8)?.[0]).get(8)?.[0]).get(1)?.[0]).get(2)?.[0]).get(3)?.[0]);
    expect(text(query.get(4)?.[0])).toBe("fieldValidation");
    const pathParam = msg(msg(msg(item.get(9)?.[0]).get(1)?.[0]).get(2)?.[0]).get(4)?.[0];
    expect(msg(pathParam).get(1)).toEqual([1]);
  });
});

describe("wantsOpenApiV2Protobuf", () => {
  it.each([
    { accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf", want: true },
    { accept: "application/json, application/com.github.proto-openapi.spec.v2@v1.0+protobuf;q=0.9", want: true },
    { accept: "application/json", want: false },
    { accept: null, want: false },
  ])("$accept → $want", ({ accept, want }) => {
    expect(wantsOpenApiV2Protobuf(accept)).toBe(want);
  });
});
