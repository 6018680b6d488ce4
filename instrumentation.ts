// Why: boot the cluster when the Next.js server starts, not on the first request, so controllers and kubelets run from the start.

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { duringNextBuild, exitCleanlyOnSignals, getRuntime } = await import("./server/runtime/runtime");
  // `next build` runs this hook in its prerender workers too: never boot a cluster (and write to DATA_DIR) there.
  if (duringNextBuild()) return;
  if (process.env.NEXT_MANUAL_SIG_HANDLE) exitCleanlyOnSignals();
  await getRuntime();
}
