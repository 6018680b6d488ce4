// Why: malformed bodies must be refused with the apiserver's status and words, by media type and patch type.
import { describe, expect, it } from "vitest";
import { readObjectBody, readPatchBody } from "./body";

const req = (body: string, contentType: string, query = "") => new Request(`http://x/api/v1/namespaces/d/configmaps/c${query}`, { method: "POST", body, headers: { "content-type": contentType } });

async function failure(p: Promise<unknown>): Promise<{ code: number; reason: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const s = (e as { status: { code: number; reason: string; message: string } }).status;
    return { code: s.code, reason: s.reason, message: s.message };
  }
  throw new Error("no error");
}

describe("readObjectBody", () => {
  it.each([
    { body: "{bad", want: "the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character 'b' looking for beginning of object key string ({bad)" },
    { body: "", want: "the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)" },
    {
      body: "[]",
      want: 'the object provided is unrecognized (must be of type ConfigMap): couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (5b5d)',
    },
  ])("400 BadRequest for $body", async ({ body, want }) => {
    expect(await failure(readObjectBody(req(body, "application/json"), "ConfigMap"))).toEqual({ code: 400, reason: "BadRequest", message: want });
  });

  it("415 for a media type it cannot decode, listing the accepted ones", async () => {
    expect(await failure(readObjectBody(req("{}", "text/plain"), "ConfigMap"))).toEqual({
      code: 415,
      reason: "UnsupportedMediaType",
      message: "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
    });
  });

  it("parses JSON and YAML objects", async () => {
    expect(await readObjectBody(req('{"kind":"ConfigMap"}', "application/json"))).toEqual({ kind: "ConfigMap" });
    expect(await readObjectBody(req("kind: ConfigMap\n", "application/yaml"))).toEqual({ kind: "ConfigMap" });
  });
});

describe("readPatchBody", () => {
  it.each([
    { type: "application/strategic-merge-patch+json", body: "{bad", query: "", want: "invalid character 'b' looking for beginning of object key string" },
    { type: "application/strategic-merge-patch+json", body: "[]", query: "", want: "json: cannot unmarshal array into Go value of type map[string]interface {}" },
    { type: "application/merge-patch+json", body: "{bad", query: "", want: "error decoding patch: invalid character 'b' looking for beginning of object key string" },
    { type: "application/merge-patch+json", body: "{bad", query: "?fieldValidation=Ignore", want: "Invalid JSON Patch" },
    { type: "application/merge-patch+json", body: "[1]", query: "?fieldValidation=Strict", want: "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}" },
    { type: "application/json-patch+json", body: '{"op":"add"}', query: "", want: "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp" },
    { type: "application/json-patch+json", body: "[{", query: "?fieldValidation=Ignore", want: "unexpected end of JSON input" },
  ])("$type $body $query → 400 $want", async ({ type, body, query, want }) => {
    expect(await failure(readPatchBody(req(body, type, query)))).toEqual({ code: 400, reason: "BadRequest", message: want });
  });

  it("415 for a media type that is not a patch type, listing them in the apiserver's order", async () => {
    expect(await failure(readPatchBody(req("{}", "application/json")))).toEqual({
      code: 415,
      reason: "UnsupportedMediaType",
      message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml",
    });
  });

  it("returns the patch and its type", async () => {
    expect(await readPatchBody(req('[{"op":"remove","path":"/data/a"}]', "application/json-patch+json"))).toEqual({ patchType: "json", patch: [{ op: "remove", path: "/data/a" }] });
  });
});
