-- CreateTable
CREATE TABLE "ItemSlugRedirect" (
    "type" "ItemType" NOT NULL,
    "locale" "Locale" NOT NULL,
    "slug" TEXT NOT NULL,
    "itemId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ItemSlugRedirect_pkey" PRIMARY KEY ("type","locale","slug")
);

-- CreateIndex
CREATE INDEX "ItemSlugRedirect_itemId_idx" ON "ItemSlugRedirect"("itemId");

-- AddForeignKey
ALTER TABLE "ItemSlugRedirect" ADD CONSTRAINT "ItemSlugRedirect_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
