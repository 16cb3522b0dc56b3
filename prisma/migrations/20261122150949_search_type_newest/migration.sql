-- CreateIndex
CREATE INDEX "Item_type_status_publishedAt_idx" ON "Item"("type", "status", "publishedAt");
