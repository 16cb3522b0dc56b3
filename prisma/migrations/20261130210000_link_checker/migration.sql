-- CreateEnum
CREATE TYPE "LinkState" AS ENUM ('unchecked', 'ok', 'moved', 'failing', 'broken');

-- CreateTable
CREATE TABLE "LinkTarget" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "state" "LinkState" NOT NULL DEFAULT 'unchecked',
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "lastCheckedAt" TIMESTAMP(3),
    "lastOkAt" TIMESTAMP(3),
    "lastStatus" INTEGER,
    "finalUrl" TEXT,
    "lastErrorKind" TEXT,
    "lastError" TEXT,
    "nextCheckAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemLink" (
    "itemId" UUID NOT NULL,
    "linkId" UUID NOT NULL,
    "origin" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ItemLink_pkey" PRIMARY KEY ("itemId","linkId","origin")
);

-- CreateTable
CREATE TABLE "LinkCheck" (
    "id" UUID NOT NULL,
    "linkId" UUID NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "method" TEXT NOT NULL,
    "finalUrl" TEXT,
    "redirects" JSONB,
    "errorKind" TEXT,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "LinkCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkScan" (
    "itemId" UUID NOT NULL,
    "scannedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LinkScan_pkey" PRIMARY KEY ("itemId")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastStartedAt" TIMESTAMP(3),
    "lastFinishedAt" TIMESTAMP(3),
    "lastReport" JSONB,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "LinkTarget_url_key" ON "LinkTarget"("url");

-- CreateIndex
CREATE INDEX "LinkTarget_state_idx" ON "LinkTarget"("state");

-- CreateIndex
CREATE INDEX "LinkTarget_nextCheckAt_idx" ON "LinkTarget"("nextCheckAt");

-- CreateIndex
CREATE INDEX "ItemLink_linkId_idx" ON "ItemLink"("linkId");

-- CreateIndex
CREATE INDEX "LinkCheck_linkId_checkedAt_idx" ON "LinkCheck"("linkId", "checkedAt");

-- AddForeignKey
ALTER TABLE "ItemLink" ADD CONSTRAINT "ItemLink_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemLink" ADD CONSTRAINT "ItemLink_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "LinkTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkCheck" ADD CONSTRAINT "LinkCheck_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "LinkTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkScan" ADD CONSTRAINT "LinkScan_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
