// Why: `kubectl logs` sends its flags as query parameters of pods/{name}/log; they are parsed and validated as the apiserver does before any log is read.

import { badRequest, CauseType, invalid, type StatusCause } from "@/core/api/errors";
import type { LogOptions } from "@/server/runtime/types";

/** v1 PodLogOptions as a request carries them: which container, and how to read its log. */
export interface PodLogRequest extends LogOptions {
  container?: string;
  /** Keep the response open and send new lines as they are written. */
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
}

/** Kubernetes' query-parameter booleans: "0", "f" and "false" (any case) are false, anything else true. */
function parseBool(v: string | null): boolean {
  if (v === null) return false;
  const s = v.toLowerCase();
  return !(s === "0" || s === "f" || s === "false");
}

function parseInt64(v: string | null): number | undefined {
  if (v === null || v === "") return undefined;
  if (!/^[+-]?\d+$/.test(v)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: value out of range`);
  return n;
}

function parseTime(v: string | null): string | undefined {
  if (v === null || v === "") return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));
  if (!ok) throw badRequest(`parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`);
  return v;
}

/**
 * Parses and validates the query of GET pods/{name}/log. Unparseable numbers or times are
 * 400 BadRequest; values Kubernetes refuses are 422 Invalid
 * (`PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0`).
 * `podName` only names the pod in those messages.
 */
export function podLogOptions(query: URLSearchParams, podName = ""): PodLogRequest {
  const container = query.get("container") || undefined;
  const tailLines = parseInt64(query.get("tailLines"));
  const sinceSeconds = parseInt64(query.get("sinceSeconds"));
  const limitBytes = parseInt64(query.get("limitBytes"));
  const sinceTime = parseTime(query.get("sinceTime"));
  const causes: StatusCause[] = [];
  if (tailLines !== undefined && tailLines < 0) {
    causes.push({ reason: CauseType.Invalid, field: "tailLines", message: `Invalid value: ${tailLines}: must be greater than or equal to 0` });
  }
  if (limitBytes !== undefined && limitBytes < 1) {
    causes.push({ reason: CauseType.Invalid, field: "limitBytes", message: `Invalid value: ${limitBytes}: must be greater than 0` });
  }
  if (sinceSeconds !== undefined && sinceTime !== undefined) {
    causes.push({ reason: CauseType.Forbidden, message: "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified" });
  }
  if (sinceSeconds !== undefined && sinceSeconds < 1) {
    causes.push({ reason: CauseType.Invalid, field: "sinceSeconds", message: `Invalid value: ${sinceSeconds}: must be greater than 0` });
  }
  if (causes.length) throw invalid({ kind: "PodLogOptions", name: podName }, causes);
  return {
    ...(container ? { container } : {}),
    follow: parseBool(query.get("follow")),
    previous: parseBool(query.get("previous")),
    timestamps: parseBool(query.get("timestamps")),
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    ...(sinceTime !== undefined ? { sinceTime } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
  };
}
