// Why: Prisma reports a unique-key clash and a missing row as error codes; the identity services turn them into Kubernetes' AlreadyExists and NotFound.

/** True for Prisma's "Unique constraint failed" (P2002). */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "P2002";
}

/** True for Prisma's "record to update/delete does not exist" (P2025). */
export function isRecordNotFound(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "P2025";
}
