-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('da', 'sv');

-- CreateEnum
CREATE TYPE "Country" AS ENUM ('DK', 'SE');

-- CreateEnum
CREATE TYPE "ItemType" AS ENUM ('article', 'case', 'publication', 'project', 'reference');

-- CreateEnum
CREATE TYPE "ItemStatus" AS ENUM ('draft', 'published', 'archived');

-- CreateEnum
CREATE TYPE "OrganisationRole" AS ENUM ('publisher', 'author', 'commissioner', 'funder', 'partner', 'owner', 'issuer');

-- CreateEnum
CREATE TYPE "PlaceKind" AS ENUM ('municipality', 'region', 'country', 'city');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('admin', 'editor');

-- CreateTable
CREATE TABLE "Item" (
    "id" UUID NOT NULL,
    "contentKey" TEXT NOT NULL,
    "type" "ItemType" NOT NULL,
    "locale" "Locale" NOT NULL,
    "slug" TEXT NOT NULL,
    "status" "ItemStatus" NOT NULL DEFAULT 'draft',
    "publishedAt" TIMESTAMP(3),
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "country" "Country",
    "year" INTEGER,
    "pages" INTEGER,
    "isbn" TEXT,
    "periodStart" DATE,
    "periodEnd" DATE,
    "budgetAmount" DECIMAL(16,2),
    "budgetCurrency" CHAR(3),
    "documentType" TEXT,
    "sourceUrl" TEXT,
    "keyFigures" JSONB,
    "adviserId" UUID,
    "translationOfId" UUID,
    "importHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "nameDa" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "descriptionDa" TEXT NOT NULL DEFAULT '',
    "descriptionSv" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "country" "Country",
    "url" TEXT,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Place" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PlaceKind" NOT NULL,
    "country" "Country" NOT NULL,
    "parentId" UUID,

    CONSTRAINT "Place_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Adviser" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "titleDa" TEXT NOT NULL,
    "titleSv" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailIsPlaceholder" BOOLEAN NOT NULL DEFAULT false,
    "phone" TEXT,
    "languages" "Locale"[],
    "defaultFor" "Locale"[],
    "organisationId" UUID,

    CONSTRAINT "Adviser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GlossaryTerm" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "termDa" TEXT NOT NULL,
    "termSv" TEXT NOT NULL,
    "synonymsDa" TEXT[],
    "synonymsSv" TEXT[],
    "explanationDa" TEXT NOT NULL,
    "explanationSv" TEXT NOT NULL,

    CONSTRAINT "GlossaryTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "location" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemTopic" (
    "itemId" UUID NOT NULL,
    "topicId" UUID NOT NULL,

    CONSTRAINT "ItemTopic_pkey" PRIMARY KEY ("itemId","topicId")
);

-- CreateTable
CREATE TABLE "ItemPlace" (
    "itemId" UUID NOT NULL,
    "placeId" UUID NOT NULL,

    CONSTRAINT "ItemPlace_pkey" PRIMARY KEY ("itemId","placeId")
);

-- CreateTable
CREATE TABLE "ItemOrganisation" (
    "itemId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "role" "OrganisationRole" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ItemOrganisation_pkey" PRIMARY KEY ("itemId","organisationId","role")
);

-- CreateTable
CREATE TABLE "ItemRelation" (
    "fromId" UUID NOT NULL,
    "toId" UUID NOT NULL,

    CONSTRAINT "ItemRelation_pkey" PRIMARY KEY ("fromId","toId")
);

-- CreateTable
CREATE TABLE "AdviserTopic" (
    "adviserId" UUID NOT NULL,
    "topicId" UUID NOT NULL,

    CONSTRAINT "AdviserTopic_pkey" PRIMARY KEY ("adviserId","topicId")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL DEFAULT 'editor',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "adviserId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Item_contentKey_key" ON "Item"("contentKey");

-- CreateIndex
CREATE UNIQUE INDEX "Item_translationOfId_key" ON "Item"("translationOfId");

-- CreateIndex
CREATE INDEX "Item_status_publishedAt_idx" ON "Item"("status", "publishedAt");

-- CreateIndex
CREATE INDEX "Item_type_status_idx" ON "Item"("type", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Item_locale_type_slug_key" ON "Item"("locale", "type", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "Topic_slug_key" ON "Topic"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Place_slug_key" ON "Place"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Adviser_slug_key" ON "Adviser"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "GlossaryTerm_slug_key" ON "GlossaryTerm"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_itemId_fileName_key" ON "Attachment"("itemId", "fileName");

-- CreateIndex
CREATE INDEX "ItemTopic_topicId_idx" ON "ItemTopic"("topicId");

-- CreateIndex
CREATE INDEX "ItemPlace_placeId_idx" ON "ItemPlace"("placeId");

-- CreateIndex
CREATE INDEX "ItemOrganisation_organisationId_idx" ON "ItemOrganisation"("organisationId");

-- CreateIndex
CREATE INDEX "ItemRelation_toId_idx" ON "ItemRelation"("toId");

-- CreateIndex
CREATE INDEX "AdviserTopic_topicId_idx" ON "AdviserTopic"("topicId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_adviserId_key" ON "StaffUser"("adviserId");

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_adviserId_fkey" FOREIGN KEY ("adviserId") REFERENCES "Adviser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_translationOfId_fkey" FOREIGN KEY ("translationOfId") REFERENCES "Item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Place" ADD CONSTRAINT "Place_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Place"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adviser" ADD CONSTRAINT "Adviser_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemTopic" ADD CONSTRAINT "ItemTopic_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemTopic" ADD CONSTRAINT "ItemTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemPlace" ADD CONSTRAINT "ItemPlace_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemPlace" ADD CONSTRAINT "ItemPlace_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "Place"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemOrganisation" ADD CONSTRAINT "ItemOrganisation_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemOrganisation" ADD CONSTRAINT "ItemOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemRelation" ADD CONSTRAINT "ItemRelation_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemRelation" ADD CONSTRAINT "ItemRelation_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdviserTopic" ADD CONSTRAINT "AdviserTopic_adviserId_fkey" FOREIGN KEY ("adviserId") REFERENCES "Adviser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdviserTopic" ADD CONSTRAINT "AdviserTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_adviserId_fkey" FOREIGN KEY ("adviserId") REFERENCES "Adviser"("id") ON DELETE SET NULL ON UPDATE CASCADE;
