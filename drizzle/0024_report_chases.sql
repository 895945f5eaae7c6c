CREATE TABLE "report_chase_basis" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"basis" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_chases" (
	"member_id" integer PRIMARY KEY NOT NULL,
	"next_look_at" timestamp with time zone DEFAULT '-infinity' NOT NULL,
	"period" text,
	"reminder_day" integer,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_chases" ADD CONSTRAINT "report_chases_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_chases_next_look_idx" ON "report_chases" USING btree ("next_look_at");--> statement-breakpoint
-- Every member has a look row; the ones already on record are looked at on the next run.
INSERT INTO "report_chases" ("member_id") SELECT "person_id" FROM "members" ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION report_chase_look_now(member integer) RETURNS void LANGUAGE sql AS $$
  UPDATE report_chases SET next_look_at = '-infinity', version = version + 1 WHERE member_id = member;
$$;
--> statement-breakpoint
-- Statement-level, so a roster import of thousands adds their rows in one pass.
CREATE FUNCTION report_chases_members_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_chases (member_id) SELECT person_id FROM added
  ON CONFLICT (member_id) DO UPDATE SET next_look_at = '-infinity', version = report_chases.version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_chases_members_added AFTER INSERT ON members REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_chases_members_added();
--> statement-breakpoint
CREATE FUNCTION report_chases_look_now_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV[0] names the column that holds the member: members.person_id, persons.id, identities.person_id, ….
  IF TG_OP = 'DELETE' THEN
    PERFORM report_chase_look_now((to_jsonb(OLD) ->> TG_ARGV[0])::int);
  ELSE
    PERFORM report_chase_look_now((to_jsonb(NEW) ->> TG_ARGV[0])::int);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- What changes which stage a member is at, or whether they can be reached: look again at once.
CREATE TRIGGER report_chases_member_changed AFTER UPDATE ON members FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.home_org_id IS DISTINCT FROM NEW.home_org_id)
  EXECUTE FUNCTION report_chases_look_now_trigger('person_id');
--> statement-breakpoint
CREATE TRIGGER report_chases_timezone_changed AFTER UPDATE OF timezone ON persons FOR EACH ROW
  WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
  EXECUTE FUNCTION report_chases_look_now_trigger('id');
--> statement-breakpoint
CREATE TRIGGER report_chases_account_linked AFTER INSERT ON identities FOR EACH ROW
  WHEN (NEW.person_id IS NOT NULL)
  EXECUTE FUNCTION report_chases_look_now_trigger('person_id');
--> statement-breakpoint
CREATE TRIGGER report_chases_account_relinked AFTER UPDATE OF person_id, unreachable_since ON identities FOR EACH ROW
  WHEN (NEW.person_id IS NOT NULL AND (OLD.person_id IS DISTINCT FROM NEW.person_id OR (OLD.unreachable_since IS NOT NULL AND NEW.unreachable_since IS NULL)))
  EXECUTE FUNCTION report_chases_look_now_trigger('person_id');
--> statement-breakpoint
CREATE TRIGGER report_chases_report_withdrawn AFTER DELETE ON reports FOR EACH ROW
  WHEN (OLD.kind = 'monthly')
  EXECUTE FUNCTION report_chases_look_now_trigger('member_id');
--> statement-breakpoint
CREATE TRIGGER report_chases_contact_withdrawn AFTER DELETE ON tracking_entries FOR EACH ROW
  WHEN (OLD.kind IN ('call', 'message', 'visit'))
  EXECUTE FUNCTION report_chases_look_now_trigger('member_id');
--> statement-breakpoint
-- A monthly report for the month a look belongs to (or a later one) ends that month's chase: the next look is the
-- following month's reminder day, local midnight in the member's zone. Earlier is harmless (the job looks and
-- moves it on), so a reminder day past the month's end simply runs into the next month.
CREATE FUNCTION report_chases_reported() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_chases c
  SET period = to_char(to_date(r.period || '-01', 'YYYY-MM-DD') + interval '1 month', 'YYYY-MM'),
      next_look_at = greatest(c.next_look_at,
        ((to_date(r.period || '-01', 'YYYY-MM-DD') + interval '1 month')::date + (c.reminder_day - 1))::timestamp AT TIME ZONE p.timezone),
      version = c.version + 1
  FROM (SELECT member_id, max(period) AS period FROM added WHERE kind = 'monthly' GROUP BY member_id) r
  JOIN persons p ON p.id = r.member_id
  WHERE c.member_id = r.member_id AND c.reminder_day IS NOT NULL AND c.period IS NOT NULL AND r.period >= c.period;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_chases_reported AFTER INSERT ON reports REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_chases_reported();
--> statement-breakpoint
-- An organisation's cycle days changed: everyone below it is looked at again with the new days.
CREATE FUNCTION report_chases_cycle_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  org integer;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.reminder_day IS NOT DISTINCT FROM NEW.reminder_day
     AND OLD.follow_up_after_days IS NOT DISTINCT FROM NEW.follow_up_after_days
     AND OLD.liaison_after_days IS NOT DISTINCT FROM NEW.liaison_after_days
     AND OLD.secretary_after_days IS NOT DISTINCT FROM NEW.secretary_after_days THEN
    RETURN NULL;
  END IF;
  org := CASE WHEN TG_OP = 'DELETE' THEN OLD.org_id ELSE NEW.org_id END;
  UPDATE report_chases c SET next_look_at = '-infinity', version = c.version + 1
  FROM members m JOIN organisations o ON o.id = m.home_org_id
  WHERE c.member_id = m.person_id
    AND o.path LIKE (SELECT s.path FROM organisations s WHERE s.id = org) || '%';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_chases_cycle_changed AFTER INSERT OR UPDATE OR DELETE ON report_cycle_settings FOR EACH ROW EXECUTE FUNCTION report_chases_cycle_changed();
