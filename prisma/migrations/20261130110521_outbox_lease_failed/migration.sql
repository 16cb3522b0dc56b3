-- AlterTable
ALTER TABLE "MailOutbox" ADD COLUMN     "claimToken" UUID,
ADD COLUMN     "failedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "MailOutbox_failedAt_idx" ON "MailOutbox"("failedAt");
