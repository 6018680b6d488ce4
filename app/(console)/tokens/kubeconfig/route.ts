// Why: "Download kubeconfig": a POST from the Tokens page issues a personal access token for the signed-in user and answers a kubeconfig for the TLS API endpoint with it, as an attachment.

import path from "node:path";
import { getRuntime } from "@/server/runtime/runtime";
import { sessionUser } from "@/server/auth/session-user";
import { parseConfig } from "@/server/config";
import { apiFailure } from "@/app/lib/server/api-failure";
import { identityOf } from "@/app/lib/server/admin/identity-of";
import { PersonalTokens } from "@/app/lib/server/admin/personal-tokens";
import { apiEndpointOf, userKubeconfig } from "@/app/lib/server/admin/user-kubeconfig";

export const dynamic = "force-dynamic";

const json = (status: number, message: string, reason: string) =>
  Response.json({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code: status }, { status, headers: { "cache-control": "no-store" } });

/** The token's name: when it was made, so the Tokens list says which download it was. */
function tokenName(now: Date): string {
  return `kubeconfig ${now.toISOString().slice(0, 16).replace("T", " ")}`;
}

/**
 * POST /tokens/kubeconfig (the Tokens page's form). Cross-site posts are refused (Origin must be
 * this site, and the session cookie is SameSite=Lax), so no other site can mint tokens.
 */
export async function POST(request: Request): Promise<Response> {
  const origin = request.headers.get("origin");
  const self = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? self.host;
  if (origin && new URL(origin).host !== host) return json(403, "cross-site request refused", "Forbidden");
  const user = await sessionUser(request.headers);
  if (!user) return json(401, "Unauthorized", "Unauthorized");
  try {
    const rt = await getRuntime();
    const { token } = await new PersonalTokens(identityOf(rt).accessTokens, user, Date.now).create({ name: tokenName(new Date()) });
    const endpoint = apiEndpointOf(path.resolve(parseConfig().dataDir), `${self.protocol}//${host}`);
    const file = `wheelhouse-${user.name.replace(/[^A-Za-z0-9._-]/g, "_")}.kubeconfig`;
    return new Response(userKubeconfig(endpoint, user.name, token), {
      headers: {
        "content-type": "application/yaml; charset=utf-8",
        "content-disposition": `attachment; filename="${file}"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    const f = apiFailure(e);
    return json(f.code, f.message, f.reason);
  }
}
