-- A monthly report written by the turn's last statement. The report was the one check-in step of five that needed a
-- transaction of its own (src/bot/engine.ts: a step that touches the database is run again in one): its stopped
-- try's begin, then BEGIN, the update id, the report, bot_turn_finish and COMMIT, one after another, with PGlite's
-- only connection held for the whole of it and every other chat's turns waiting behind. Now a report step ends like
-- any other: bot_turn_finish records the update id, writes the conversation with its version check, and only then
-- saves the report, in the same statement (group-committed with other chats' turns); a redelivery or a conflict
-- saves nothing. A turn in a transaction (a step with other effects as well) saves it with the same function.

-- What a report changes, as src/bot/effects.ts wrote it in one statement: the report, one per member and month
-- (reporting again corrects the answers and keeps the first time and lateness); its line on the card; a member
-- marked lost contact found; the month's reminders still waiting cancelled.
CREATE FUNCTION save_monthly_report(
  p_member integer, p_period text, p_at timestamptz, p_late boolean, p_moved boolean, p_work text,
  p_difficulty boolean, p_studied boolean, p_platform text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  -- plpgsql, not sql: its plan is kept for the session instead of made again on every call.
  WITH saved AS (
    INSERT INTO reports (member_id, kind, period, submitted_at, late, moved_since_last, work, has_difficulty, studied, platform)
    VALUES (p_member, 'monthly', p_period, p_at, p_late, p_moved, p_work, p_difficulty, p_studied, p_platform)
    ON CONFLICT (member_id, kind, period) DO UPDATE SET moved_since_last = excluded.moved_since_last, work = excluded.work,
      has_difficulty = excluded.has_difficulty, studied = excluded.studied, platform = excluded.platform
    RETURNING id),
  found AS (
    UPDATE members m
    SET status = CASE WHEN m.category_while_lost IS NOT NULL AND m.category_while_lost <> 'lost_contact' THEN m.category_while_lost ELSE 'mobile' END,
      category_while_lost = NULL, lost_contact_since = NULL
    WHERE m.person_id = p_member AND m.status = 'lost_contact'
    RETURNING m.status),
  cards AS (
    INSERT INTO tracking_entries (member_id, at, kind, details)
    SELECT p_member, p_at, 'report', jsonb_build_object('period', p_period, 'late', p_late)
    UNION ALL
    SELECT p_member, p_at, 'status_change', jsonb_build_object('from', 'lost_contact', 'to', found.status, 'found', true) FROM found),
  cancelled AS (
    UPDATE outbox_messages SET status = 'cancelled'
    WHERE person_id = p_member AND status = 'pending'
      AND (idempotency_key LIKE 'reminder:monthly:' || p_period || ':%' OR idempotency_key LIKE 'followup:monthly:' || p_period || ':%'))
  SELECT count(*) INTO n FROM saved;
END $$;
--> statement-breakpoint

-- The effects a turn leaves for its last statement, applied in order once the conversation is written. Only the
-- monthly report so far; an effect of any other kind is a bug in the caller and fails the statement.
CREATE FUNCTION bot_turn_apply_effects(p_effects jsonb)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  e jsonb;
BEGIN
  FOR e IN SELECT x.value FROM jsonb_array_elements(p_effects) WITH ORDINALITY AS x ORDER BY x.ordinality LOOP
    IF e->>'kind' = 'monthlyReport' THEN
      PERFORM save_monthly_report((e->>'member')::integer, e->>'period', (e->>'at')::timestamptz, (e->>'late')::boolean,
        (e->>'movedSinceLast')::boolean, e->>'work', (e->>'hasDifficulty')::boolean, (e->>'studied')::boolean, e->>'platform');
    ELSE
      RAISE EXCEPTION 'bot_turn_finish: no such effect %', e->>'kind';
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint

-- bot_turn_finish as in migration 0025, with the turn's effects (p_effects) applied after the conversation is written
-- and before the answers are queued; a call without them (a turn in a transaction) is as before.
DROP FUNCTION bot_turn_finish(integer, text, integer, text, jsonb, timestamptz, timestamptz, jsonb, text, text);
--> statement-breakpoint
CREATE FUNCTION bot_turn_finish(
  p_person integer, p_mode text, p_previous_version integer, p_flow text, p_state jsonb,
  p_timeout timestamptz, p_now timestamptz, p_outbox jsonb, p_platform text, p_update_id text, p_effects jsonb DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  written boolean := true;
BEGIN
  IF p_update_id IS NOT NULL THEN
    INSERT INTO processed_updates (platform, update_id, processed_at) VALUES (p_platform, p_update_id, p_now)
      ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN RETURN 'duplicate'; END IF;
  END IF;
  IF p_mode = 'insert' THEN
    INSERT INTO conversations (person_id, flow, state, version, timeout_at, updated_at)
      VALUES (p_person, p_flow, p_state, 1, p_timeout, p_now)
      ON CONFLICT DO NOTHING;
    written := FOUND;
  ELSIF p_mode = 'update' THEN
    UPDATE conversations SET flow = p_flow, state = p_state, version = p_previous_version + 1, timeout_at = p_timeout, updated_at = p_now
      WHERE person_id = p_person AND version = p_previous_version;
    written := FOUND;
  ELSIF p_mode = 'delete' THEN
    DELETE FROM conversations WHERE person_id = p_person AND version = p_previous_version;
    written := FOUND;
  END IF;
  IF NOT written THEN
    IF p_update_id IS NOT NULL THEN
      DELETE FROM processed_updates WHERE platform = p_platform AND update_id = p_update_id;
    END IF;
    RETURN 'conflict';
  END IF;
  IF p_effects IS NOT NULL AND jsonb_array_length(p_effects) > 0 THEN
    PERFORM bot_turn_apply_effects(p_effects);
  END IF;
  IF p_outbox IS NOT NULL AND jsonb_array_length(p_outbox) > 0 THEN
    INSERT INTO outbox_messages (idempotency_key, platform, chat_id, chat_kind, identity_id, person_id, purpose, broadcast_id, payload, next_attempt_at, created_at)
      SELECT e.item->>'idempotencyKey', e.item->>'platform', e.item->>'chatId', e.item->>'chatKind',
          (e.item->>'identityId')::integer, (e.item->>'personId')::integer, e.item->>'purpose',
          (e.item->>'broadcastId')::integer, e.item->'payload', (e.item->>'nextAttemptAt')::timestamptz, p_now
        FROM jsonb_array_elements(p_outbox) WITH ORDINALITY AS e(item, n)
        ORDER BY e.n
      ON CONFLICT (idempotency_key) DO NOTHING;
  END IF;
  RETURN 'saved';
END $$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION bot_turn_finish_many(p_items jsonb)
RETURNS TABLE (idx integer, written text)
LANGUAGE plpgsql AS $$
DECLARE
  item jsonb;
  n bigint;
BEGIN
  FOR item, n IN SELECT e.value, e.ordinality FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e LOOP
    idx := n;
    written := bot_turn_finish((item->>'person')::integer, item->>'mode', (item->>'previousVersion')::integer, item->>'flow',
      item->'state', (item->>'timeout')::timestamptz, (item->>'now')::timestamptz, item->'outbox', item->>'platform', item->>'updateId',
      item->'effects');
    RETURN NEXT;
  END LOOP;
END $$;
