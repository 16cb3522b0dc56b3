-- CreateEnum
CREATE TYPE "AlertFrequency" AS ENUM ('immediate', 'daily', 'weekly');

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "substantialChangeAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "MailOutbox" ADD COLUMN     "headers" JSONB;

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "query" TEXT NOT NULL,
    "frequency" "AlertFrequency" NOT NULL,
    "confirmTokenHash" TEXT,
    "confirmExpiresAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "sentUpTo" TIMESTAMP(3),
    "lastSentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_confirmTokenHash_key" ON "Alert"("confirmTokenHash");

-- CreateIndex
CREATE INDEX "Alert_confirmedAt_sentUpTo_idx" ON "Alert"("confirmedAt", "sentUpTo");

-- CreateIndex
CREATE INDEX "Alert_createdAt_idx" ON "Alert"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_email_locale_query_key" ON "Alert"("email", "locale", "query");
