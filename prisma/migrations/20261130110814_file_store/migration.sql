-- CreateTable
CREATE TABLE "StoredFile" (
    "key" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL DEFAULT 0,
    "sha256" TEXT NOT NULL DEFAULT '',
    "chunkBytes" INTEGER NOT NULL,
    "complete" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "FileChunk" (
    "fileKey" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "FileChunk_pkey" PRIMARY KEY ("fileKey","seq")
);

-- AddForeignKey
ALTER TABLE "FileChunk" ADD CONSTRAINT "FileChunk_fileKey_fkey" FOREIGN KEY ("fileKey") REFERENCES "StoredFile"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- Chunks are read in slices (substring) and PDFs hardly compress: keep them out of line and uncompressed.
ALTER TABLE "FileChunk" ALTER COLUMN "data" SET STORAGE EXTERNAL;
