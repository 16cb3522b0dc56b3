-- AlterTable
ALTER TABLE "GlossaryTerm" ADD COLUMN     "falseFriend" BOOLEAN NOT NULL DEFAULT false;
