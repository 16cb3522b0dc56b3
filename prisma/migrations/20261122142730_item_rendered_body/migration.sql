-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "bodyHeadings" JSONB,
ADD COLUMN     "bodyHtml" TEXT,
ADD COLUMN     "bodyRenderer" INTEGER;
