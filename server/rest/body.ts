// Why: request bodies come as JSON, YAML, protobuf or one of the patch media types; anything else is 415, and malformed JSON is the 400 the apiserver words from Go's decoder.

import { parse as parseYaml } from "yaml";
import { badRequest, unsupportedMediaType } from "@/core/api/errors";
import { goJsonSyntaxError, goJsonTypeName, summarizeBody } from "./go-json-error";
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from "./protobuf";

/** The media types a create or update of a built-in kind accepts, as the apiserver lists them in a 415. */
const OBJECT_MEDIA_TYPES = ["application/json", "application/yaml", PROTOBUF_MEDIA_TYPE];

/** The Go type the apiserver first decodes an object body into, to find its apiVersion and kind. */
const TYPE_META_STRUCT = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/** The patch types Kubernetes accepts, by media type. */
export const PATCH_TYPES = {
  "application/json-patch+json": "json",
  "application/merge-patch+json": "merge",
  "application/strategic-merge-patch+json": "strategic",
  "application/apply-patch+yaml": "apply",
} as const;

export type PatchType = (typeof PATCH_TYPES)[keyof typeof PATCH_TYPES];

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | null): string {
  return (header ?? "").split(";")[0].trim().toLowerCase();
}

/** Parses a JSON or YAML document; throws 400 on a syntax error. */
export function parseDocument(text: string, media: string): unknown {
  try {
    return media === "application/yaml" || media === "application/apply-patch+yaml" ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml: ${(e as Error).message}`);
  }
}

/**
 * Reads the body of a create/update (`application/json`, `application/yaml`, or protobuf for the kinds
 * kubectl's typed clients create). Malformed JSON is the apiserver's 400: "the object provided is
 * unrecognized (must be of type <kind>): couldn't get version/kind; json parse error: <Go's error> (<body start>)".
 */
export async function readObjectBody(request: Request, kind?: string): Promise<unknown> {
  const media = mediaType(request.headers.get("content-type"));
  if (media === PROTOBUF_MEDIA_TYPE) return decodeProtobufObject(new Uint8Array(await request.arrayBuffer()));
  if (media !== "" && media !== "application/json" && media !== "application/yaml" && media !== "*/*") {
    throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${OBJECT_MEDIA_TYPES.join(", ")}`);
  }
  const text = await request.text();
  if (media === "application/yaml") {
    if (!text.trim()) throw badRequest("the body of the request was empty");
    return parseDocument(text, media);
  }
  const unrecognized = (err: string) =>
    badRequest(`the object provided is unrecognized (must be of type ${kind ?? "the requested kind"}): couldn't get version/kind; json parse error: ${err} (${summarizeBody(text)})`);
  const syntax = goJsonSyntaxError(text);
  if (syntax) throw unrecognized(syntax);
  const doc = JSON.parse(text) as unknown;
  if (doc !== null && (typeof doc !== "object" || Array.isArray(doc))) throw unrecognized(`json: cannot unmarshal ${goJsonTypeName(doc)} into Go value of type ${TYPE_META_STRUCT}`);
  return doc;
}

/**
 * Reads a PATCH body and its patch type; 415 for a media type that is not a patch type. Malformed
 * JSON is a 400 worded as the apiserver's patch handler words it: under strict or warning field
 * validation (the default) the patch is first decoded strictly ("error decoding patch: …"); a
 * strategic merge patch always reports Go's decoder error; a merge patch under `Ignore` is the
 * json-patch library's "Invalid JSON Patch".
 */
export async function readPatchBody(request: Request): Promise<{ patchType: PatchType; patch: unknown }> {
  const media = mediaType(request.headers.get("content-type"));
  const patchType = (PATCH_TYPES as Record<string, PatchType>)[media];
  if (!patchType) {
    throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_TYPES).join(", ")}`);
  }
  const text = await request.text();
  if (patchType === "apply") {
    if (!text.trim()) throw badRequest("the body of the request was empty");
    return { patchType, patch: parseDocument(text, media) };
  }
  const strictDecode = new URL(request.url).searchParams.get("fieldValidation") !== "Ignore";
  const syntax = goJsonSyntaxError(text);
  const patch = syntax ? undefined : (JSON.parse(text) as unknown);
  const wrongType = (goType: string) => (patch === null || syntax ? undefined : `json: cannot unmarshal ${goJsonTypeName(patch)} into Go value of type ${goType}`);
  if (patchType === "strategic") {
    if (syntax) throw badRequest(syntax);
    const typeErr = typeof patch === "object" && !Array.isArray(patch) ? undefined : wrongType("map[string]interface {}");
    if (typeErr) throw badRequest(typeErr);
  } else if (patchType === "merge") {
    if (syntax) throw badRequest(strictDecode ? `error decoding patch: ${syntax}` : "Invalid JSON Patch");
    const typeErr = strictDecode && (typeof patch !== "object" || Array.isArray(patch)) ? wrongType("map[string]interface {}") : undefined;
    if (typeErr) throw badRequest(`error decoding patch: ${typeErr}`);
  } else {
    if (syntax) throw badRequest(strictDecode ? `error decoding patch: ${syntax}` : syntax);
    const typeErr = strictDecode && !Array.isArray(patch) ? wrongType("[]handlers.jsonPatchOp") : undefined;
    if (typeErr) throw badRequest(`error decoding patch: ${typeErr}`);
  }
  return { patchType, patch };
}

/** Reads an optional JSON body (DeleteOptions on DELETE); undefined when empty. */
export async function readOptionalJson(request: Request): Promise<Record<string, unknown> | undefined> {
  const text = await request.text();
  if (!text.trim()) return undefined;
  const doc = parseDocument(text, mediaType(request.headers.get("content-type")));
  return doc && typeof doc === "object" ? (doc as Record<string, unknown>) : undefined;
}
