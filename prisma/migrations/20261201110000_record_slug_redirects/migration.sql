-- CreateTable
CREATE TABLE "RecordSlugRedirect" (
    "kind" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "recordId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordSlugRedirect_pkey" PRIMARY KEY ("kind","slug")
);

-- CreateIndex
CREATE INDEX "RecordSlugRedirect_kind_recordId_idx" ON "RecordSlugRedirect"("kind", "recordId");
