CREATE INDEX "members_card_idx" ON "members" USING btree ("person_id","status");--> statement-breakpoint
CREATE INDEX "persons_card_idx" ON "persons" USING btree ("id","name","timezone");