// Why: request bodies come as JSON, YAML or one of the patch media types; anything else (protobuf) is 415, as the apiserver answers.

import { parse as parseYaml } from "yaml";
import { badRequest, unsupportedMediaType } from "@/core/api/errors";
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from "./protobuf";

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

/** Reads the body of a create/update (`application/json`, `application/yaml`, or protobuf for the kinds kubectl's typed clients create). */
export async function readObjectBody(request: Request): Promise<unknown> {
  const media = mediaType(request.headers.get("content-type"));
  if (media === PROTOBUF_MEDIA_TYPE) return decodeProtobufObject(new Uint8Array(await request.arrayBuffer()));
  if (media !== "" && media !== "application/json" && media !== "application/yaml" && media !== "*/*") {
    throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
  }
  const text = await request.text();
  if (!text.trim()) throw badRequest("the body of the request was empty");
  return parseDocument(text, media);
}

/** Reads a PATCH body and its patch type; 415 for a media type that is not a patch type. */
export async function readPatchBody(request: Request): Promise<{ patchType: PatchType; patch: unknown }> {
  const media = mediaType(request.headers.get("content-type"));
  const patchType = (PATCH_TYPES as Record<string, PatchType>)[media];
  if (!patchType) {
    throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_TYPES).join(", ")}`);
  }
  const text = await request.text();
  if (!text.trim()) throw badRequest("the body of the request was empty");
  return { patchType, patch: parseDocument(text, media) };
}

/** Reads an optional JSON body (DeleteOptions on DELETE); undefined when empty. */
export async function readOptionalJson(request: Request): Promise<Record<string, unknown> | undefined> {
  const text = await request.text();
  if (!text.trim()) return undefined;
  const doc = parseDocument(text, mediaType(request.headers.get("content-type")));
  return doc && typeof doc === "object" ? (doc as Record<string, unknown>) : undefined;
}
