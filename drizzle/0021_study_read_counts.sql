CREATE TABLE "study_read_counts" (
	"item_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"reads" integer NOT NULL,
	CONSTRAINT "study_read_counts_item_id_org_id_pk" PRIMARY KEY("item_id","org_id")
);
--> statement-breakpoint
ALTER TABLE "study_read_counts" ADD CONSTRAINT "study_read_counts_item_id_study_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."study_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_read_counts" ADD CONSTRAINT "study_read_counts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Written by hand (drizzle-kit keeps no triggers): study_read_counts follows study_reads and the readers' home
-- organisations. Statement triggers with transition tables, so a bulk insert of reads is one grouped upsert.
CREATE FUNCTION "study_read_counts_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO study_read_counts (item_id, org_id, reads)
  SELECT n.item_id, m.home_org_id, count(*)::int FROM study_reads_added n JOIN members m ON m.person_id = n.member_id
  GROUP BY n.item_id, m.home_org_id ORDER BY 1, 2
  ON CONFLICT (item_id, org_id) DO UPDATE SET reads = study_read_counts.reads + excluded.reads;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "study_read_counts_remove"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE study_read_counts c SET reads = c.reads - o.n
  FROM (SELECT r.item_id, m.home_org_id, count(*)::int AS n FROM study_reads_removed r JOIN members m ON m.person_id = r.member_id
        GROUP BY r.item_id, m.home_org_id) o
  WHERE c.item_id = o.item_id AND c.org_id = o.home_org_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "study_read_counts_insert" AFTER INSERT ON "study_reads" REFERENCING NEW TABLE AS study_reads_added
  FOR EACH STATEMENT EXECUTE FUNCTION "study_read_counts_add"();--> statement-breakpoint
CREATE TRIGGER "study_read_counts_delete" AFTER DELETE ON "study_reads" REFERENCING OLD TABLE AS study_reads_removed
  FOR EACH STATEMENT EXECUTE FUNCTION "study_read_counts_remove"();--> statement-breakpoint
CREATE TRIGGER "study_read_counts_update_old" AFTER UPDATE ON "study_reads" REFERENCING OLD TABLE AS study_reads_removed
  FOR EACH STATEMENT EXECUTE FUNCTION "study_read_counts_remove"();--> statement-breakpoint
CREATE TRIGGER "study_read_counts_update_new" AFTER UPDATE ON "study_reads" REFERENCING NEW TABLE AS study_reads_added
  FOR EACH STATEMENT EXECUTE FUNCTION "study_read_counts_add"();--> statement-breakpoint
CREATE FUNCTION "study_read_counts_member_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.home_org_id IS DISTINCT FROM OLD.home_org_id THEN
    UPDATE study_read_counts c SET reads = c.reads - r.n
    FROM (SELECT item_id, count(*)::int AS n FROM study_reads WHERE member_id = OLD.person_id GROUP BY item_id) r
    WHERE c.item_id = r.item_id AND c.org_id = OLD.home_org_id;
    INSERT INTO study_read_counts (item_id, org_id, reads)
    SELECT item_id, NEW.home_org_id, count(*)::int FROM study_reads WHERE member_id = NEW.person_id GROUP BY item_id ORDER BY 1
    ON CONFLICT (item_id, org_id) DO UPDATE SET reads = study_read_counts.reads + excluded.reads;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- A member's reads go before the member does (the cascade would take them after, when whether the member is
-- still seen depends on how the delete came): study_read_counts_remove then finds the member's organisation.
CREATE FUNCTION "study_read_counts_member_gone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM study_reads WHERE member_id = OLD.person_id;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER "study_read_counts_member_moved" AFTER UPDATE OF "home_org_id" ON "members"
  FOR EACH ROW EXECUTE FUNCTION "study_read_counts_member_moved"();--> statement-breakpoint
CREATE TRIGGER "study_read_counts_member_gone" BEFORE DELETE ON "members"
  FOR EACH ROW EXECUTE FUNCTION "study_read_counts_member_gone"();--> statement-breakpoint
INSERT INTO study_read_counts (item_id, org_id, reads)
SELECT sr.item_id, m.home_org_id, count(*)::int FROM study_reads sr JOIN members m ON m.person_id = sr.member_id
GROUP BY sr.item_id, m.home_org_id;
