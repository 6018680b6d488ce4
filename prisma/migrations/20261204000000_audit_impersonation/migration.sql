-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "impersonatedBy" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "dryRun" BOOLEAN NOT NULL DEFAULT false;
