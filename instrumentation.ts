// Why: boot the cluster when the Next.js server starts, not on the first request, so controllers and kubelets run from the start.
import { PHASE_PRODUCTION_BUILD } from "next/constants";

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` runs this hook in its prerender workers too: never boot a cluster (and write to DATA_DIR) there.
  if (process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return;
  const { exitCleanlyOnSignals, getRuntime } = await import("./server/runtime/runtime");
  if (process.env.NEXT_MANUAL_SIG_HANDLE) exitCleanlyOnSignals();
  await getRuntime();
}
