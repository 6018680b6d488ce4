// Why: boot the cluster when the Next.js server starts, not on the first request, so controllers and kubelets run from the start.

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getRuntime } = await import("./server/runtime/runtime");
  await getRuntime();
}
