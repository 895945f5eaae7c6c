ALTER TABLE "persons" ADD COLUMN "name_initials" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "persons_list_order_idx" ON "persons" USING btree ("name_initials" collate "C","name" collate "C","id");--> statement-breakpoint
CREATE INDEX "persons_initials_missing_idx" ON "persons" USING btree ("id") WHERE "persons"."name_initials" = '';--> statement-breakpoint
-- Written by hand (drizzle-kit keeps no triggers): a rename by code that did not compute the new name's
-- initials must not leave the old ones to be searched; emptied, they are computed again (src/db/nameInitials.ts).
CREATE FUNCTION "persons_initials_stale"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name AND NEW.name_initials IS NOT DISTINCT FROM OLD.name_initials THEN
    NEW.name_initials := '';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "persons_initials_stale" BEFORE UPDATE OF "name" ON "persons" FOR EACH ROW EXECUTE FUNCTION "persons_initials_stale"();
