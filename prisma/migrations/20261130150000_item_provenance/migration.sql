-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "diaryNumber" TEXT,
ADD COLUMN     "editorialNote" TEXT,
ADD COLUMN     "sourceDate" TEXT,
ADD COLUMN     "sources" JSONB;
