-- Statements that change many members' chase rows lock them in member order first. Each took its rows in the order
-- its plan met them (a subtree's scan, a transition table), while a turn's finish batch locks the members it saves
-- reports for in member order: two such statements could each hold a row the other waits for, and PostgreSQL then
-- aborts one (a turn retried, a secretary's cycle change refused). Locked in one order, one waits and nothing aborts.
-- The hourly job's own stores skip rows someone holds instead of waiting (schedules/overdue.ts): the holder moves
-- the row's version, and the row stays due for the next run.
CREATE OR REPLACE FUNCTION report_chases_members_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_chases (member_id) SELECT person_id FROM added ORDER BY person_id
  ON CONFLICT (member_id) DO UPDATE SET next_look_at = '-infinity', version = report_chases.version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_chases_reported() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A turn's report is one row: only a statement of several (an import) has an order to keep.
  IF (SELECT count(*) FROM added WHERE kind = 'monthly') > 1 THEN
    PERFORM 1 FROM report_chases c WHERE c.member_id IN (SELECT member_id FROM added WHERE kind = 'monthly')
      ORDER BY c.member_id FOR NO KEY UPDATE OF c;
  END IF;
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
CREATE OR REPLACE FUNCTION report_chases_cycle_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  org integer;
  pattern text;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.reminder_day IS NOT DISTINCT FROM NEW.reminder_day
     AND OLD.follow_up_after_days IS NOT DISTINCT FROM NEW.follow_up_after_days
     AND OLD.liaison_after_days IS NOT DISTINCT FROM NEW.liaison_after_days
     AND OLD.secretary_after_days IS NOT DISTINCT FROM NEW.secretary_after_days THEN
    RETURN NULL;
  END IF;
  org := CASE WHEN TG_OP = 'DELETE' THEN OLD.org_id ELSE NEW.org_id END;
  SELECT s.path || '%' INTO pattern FROM organisations s WHERE s.id = org;
  PERFORM 1 FROM report_chases c JOIN members m ON m.person_id = c.member_id JOIN organisations o ON o.id = m.home_org_id
    WHERE o.path LIKE pattern ORDER BY c.member_id FOR NO KEY UPDATE OF c;
  UPDATE report_chases c SET next_look_at = '-infinity', version = c.version + 1
  FROM members m JOIN organisations o ON o.id = m.home_org_id
  WHERE c.member_id = m.person_id AND o.path LIKE pattern;
  RETURN NULL;
END $$;
