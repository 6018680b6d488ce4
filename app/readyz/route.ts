// Why: Kubernetes-style readiness probe: 200 "ok" once the cluster runtime has booted (tests and load balancers wait on it).
import { getRuntime } from "@/server/runtime/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    await getRuntime();
    return new Response("ok", { headers: { "content-type": "text/plain" } });
  } catch (e) {
    return new Response(`[-]runtime failed: ${(e as Error).message}\nreadyz check failed`, { status: 500, headers: { "content-type": "text/plain" } });
  }
}
