-- Inbound throughput (issue 17): what the sender and the turn cost the database per message and per update.

-- take_send_slot as in migration 0016, with one shortcut: when the earliest moment asked for is free (fewer than
-- n starts of the platform and of the chat within w of it, none within gap, neither paused), it is the answer,
-- found in one pass over the starts. Only when it is not is every candidate tried against every start (the
-- search grows with the square of the starts kept: with a high limit and hundreds of starts in the window, it
-- took milliseconds a send on PGlite). The same slot either way: the base is the smallest candidate.
CREATE OR REPLACE FUNCTION take_send_slot(
  p_platform text, p_platform_n integer, p_platform_w bigint, p_platform_gap bigint,
  p_chat text, p_chat_n integer, p_chat_w bigint, p_chat_gap bigint,
  p_earliest bigint, p_latest bigint)
RETURNS TABLE (slot_at bigint, taken boolean) LANGUAGE plpgsql AS $$
DECLARE
  platform_starts bigint[];
  platform_paused bigint;
  chat_starts bigint[];
  chat_paused bigint;
  base bigint;
  t bigint;
BEGIN
  INSERT INTO send_budget (key) VALUES (p_platform) ON CONFLICT (key) DO NOTHING;
  SELECT b.starts, b.paused_until INTO platform_starts, platform_paused FROM send_budget b WHERE b.key = p_platform FOR UPDATE;
  SELECT b.starts, b.paused_until INTO chat_starts, chat_paused FROM send_budget b WHERE b.key = p_chat FOR UPDATE;
  -- A wait ending more than an hour from now was asked for by a clock far ahead of this one: not heeded.
  base := greatest(p_earliest,
    CASE WHEN platform_paused > p_earliest + 3600000 THEN 0 ELSE platform_paused END,
    CASE WHEN chat_paused > p_earliest + 3600000 THEN 0 ELSE coalesce(chat_paused, 0) END);
  SELECT count(*) FILTER (WHERE s > base - p_platform_w AND s < base + p_platform_w) < p_platform_n
      AND NOT coalesce(bool_or(s > base - p_platform_gap AND s < base + p_platform_gap), false)
    INTO STRICT taken FROM unnest(platform_starts) s;
  IF taken THEN
    SELECT count(*) FILTER (WHERE s > base - p_chat_w AND s < base + p_chat_w) < p_chat_n
        AND NOT coalesce(bool_or(s > base - p_chat_gap AND s < base + p_chat_gap), false)
      INTO STRICT taken FROM unnest(chat_starts) s;
  END IF;
  IF taken THEN
    t := base;
  ELSE
    -- The earliest allowed start is the moment some start falls out of reach (start + w, + gap).
    SELECT min(c) INTO t FROM (
      SELECT s + p_platform_w AS c FROM unnest(platform_starts) s
      UNION ALL SELECT s + p_platform_gap FROM unnest(platform_starts) s
      UNION ALL SELECT s + p_chat_w FROM unnest(chat_starts) s
      UNION ALL SELECT s + p_chat_gap FROM unnest(chat_starts) s
    ) candidates
    WHERE c >= base
      AND (SELECT count(*) FROM unnest(platform_starts) s WHERE s > c - p_platform_w AND s < c + p_platform_w) < p_platform_n
      AND NOT EXISTS (SELECT 1 FROM unnest(platform_starts) s WHERE s > c - p_platform_gap AND s < c + p_platform_gap)
      AND (SELECT count(*) FROM unnest(chat_starts) s WHERE s > c - p_chat_w AND s < c + p_chat_w) < p_chat_n
      AND NOT EXISTS (SELECT 1 FROM unnest(chat_starts) s WHERE s > c - p_chat_gap AND s < c + p_chat_gap);
  END IF;
  IF t > p_latest THEN
    RETURN QUERY SELECT t, false;
    RETURN;
  END IF;
  -- Starts older than two windows can no longer matter (a second instance's clock may lag by less than a window).
  UPDATE send_budget SET starts = array(SELECT s FROM unnest(platform_starts) s WHERE s > p_earliest - 2 * p_platform_w ORDER BY s) || t
    WHERE key = p_platform;
  INSERT INTO send_budget (key, starts) VALUES (p_chat, array[t])
    ON CONFLICT (key) DO UPDATE SET starts = array(SELECT s FROM unnest(send_budget.starts) s WHERE s > p_earliest - 2 * p_chat_w ORDER BY s) || t;
  RETURN QUERY SELECT t, true;
END $$;
--> statement-breakpoint

-- The turn in two statements and no transaction when its step touches nothing else (most updates: a tap that
-- moves a conversation on, /help from a new account). bot_turn_begin with p_claim = false only looks whether the
-- update id was applied (fresh = false: a redelivery), and bot_turn_finish records the id with the conversation
-- and the replies, in one statement. A step with effects runs in a transaction as before: begin with p_claim =
-- true records the id first (a redelivery waits there for the first delivery, then stops), finish without it.
-- The sender's account is created or touched either way (idempotent), and a time zone the platform reports for a
-- linked account is followed (as followAccountTimezone did; after the facts are read, so this turn keeps the old).
DROP FUNCTION IF EXISTS bot_turn_begin(text, text, text, text, boolean, text, timestamptz, text[], text[], text[]);
--> statement-breakpoint
CREATE FUNCTION bot_turn_begin(
  p_platform text, p_update_id text, p_user text, p_chat text, p_private boolean, p_timezone text,
  p_now timestamptz, p_open_statuses text[], p_months text[], p_quarters text[], p_claim boolean)
RETURNS TABLE (
  fresh boolean,
  identity_id integer, identity_chat_id text, identity_person_id integer, failed_code_attempts integer,
  code_locked_until timestamptz, unreachable_since timestamptz, linked_at timestamptz, identity_timezone text,
  last_seen_at timestamptz, identity_created_at timestamptz,
  person_found boolean, person_language text, person_timezone text, is_member boolean, is_staff boolean, is_laid_off boolean,
  granted_at timestamptz, withdrawn_at timestamptz, last_region_code text, reported_months text[],
  reported_quarters text[], open_help jsonb,
  conversation_flow text, conversation_state jsonb, conversation_version integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  idn identities%ROWTYPE;
BEGIN
  IF p_claim THEN
    INSERT INTO processed_updates (platform, update_id, processed_at) VALUES (p_platform, p_update_id, p_now)
      ON CONFLICT DO NOTHING;
    fresh := FOUND;
  ELSE
    fresh := NOT EXISTS (SELECT 1 FROM processed_updates pu WHERE pu.platform = p_platform AND pu.update_id = p_update_id);
  END IF;
  IF NOT fresh THEN
    RETURN NEXT;
    RETURN;
  END IF;
  INSERT INTO identities AS i (platform, external_user_id, chat_id, last_seen_at, timezone)
    VALUES (p_platform, p_user, CASE WHEN p_private THEN p_chat ELSE p_user END, p_now, p_timezone)
    ON CONFLICT (platform, external_user_id) DO UPDATE SET
      last_seen_at = p_now, unreachable_since = NULL,
      chat_id = CASE WHEN p_private THEN p_chat ELSE i.chat_id END,
      timezone = coalesce(p_timezone, i.timezone)
    RETURNING * INTO idn;
  identity_id := idn.id; identity_chat_id := idn.chat_id; identity_person_id := idn.person_id;
  failed_code_attempts := idn.failed_code_attempts; code_locked_until := idn.code_locked_until;
  unreachable_since := idn.unreachable_since; linked_at := idn.linked_at; identity_timezone := idn.timezone;
  last_seen_at := idn.last_seen_at; identity_created_at := idn.created_at;
  person_found := false;
  IF idn.person_id IS NOT NULL AND p_private THEN
    SELECT true, p.language, p.timezone, m.person_id IS NOT NULL,
        EXISTS (SELECT 1 FROM staff_roles sr WHERE sr.person_id = p.id),
        m.status = 'laid_off',
        lc.granted_at, lc.withdrawn_at,
        (SELECT lr.region_code FROM location_records lr WHERE lr.member_id = p.id ORDER BY lr.recorded_at DESC LIMIT 1),
        (SELECT array_agg(r.period) FROM reports r WHERE r.member_id = p.id AND r.kind = 'monthly' AND r.period = ANY (p_months)),
        (SELECT array_agg(r.period) FROM reports r WHERE r.member_id = p.id AND r.kind = 'thought' AND r.period = ANY (p_quarters))
      INTO person_found, person_language, person_timezone, is_member, is_staff, is_laid_off, granted_at, withdrawn_at,
        last_region_code, reported_months, reported_quarters
      FROM persons p
      LEFT JOIN members m ON m.person_id = p.id
      LEFT JOIN location_consents lc ON lc.member_id = p.id
      WHERE p.id = idn.person_id;
    IF person_found AND is_member THEN
      SELECT coalesce(jsonb_agg(jsonb_build_object('id', h.id, 'category', h.category, 'status', h.status) ORDER BY h.id), '[]'::jsonb)
        INTO open_help
        FROM help_requests h WHERE h.member_id = idn.person_id AND h.status = ANY (p_open_statuses);
    END IF;
    SELECT c.flow, c.state, c.version INTO conversation_flow, conversation_state, conversation_version
      FROM conversations c WHERE c.person_id = idn.person_id;
  END IF;
  IF idn.person_id IS NOT NULL AND p_timezone IS NOT NULL THEN
    UPDATE persons p SET timezone = p_timezone WHERE p.id = idn.person_id AND p.timezone <> p_timezone;
  END IF;
  RETURN NEXT;
END $$;
--> statement-breakpoint

-- The end of a turn: with p_update_id, the update id recorded first ('duplicate', nothing else written, when
-- another delivery of it got there first); the conversation written with its version check ('insert', 'update',
-- 'delete', or 'none'); the replies queued (a key already queued is skipped), in the order given. 'conflict' when
-- someone else changed the conversation meanwhile, with nothing written (an update id recorded here is taken back):
-- the caller runs the update again. Never raises for either, so that turns finished together in one statement
-- (bot_turn_finish_many) stand or fall alone. The update id before the conversation, as a turn in a transaction
-- takes them (bot_turn_begin claiming, then its effects and the conversation): the same order, no deadlock.
DROP FUNCTION IF EXISTS bot_turn_finish(integer, text, integer, text, jsonb, timestamptz, timestamptz, jsonb);
--> statement-breakpoint
CREATE FUNCTION bot_turn_finish(
  p_person integer, p_mode text, p_previous_version integer, p_flow text, p_state jsonb,
  p_timeout timestamptz, p_now timestamptz, p_outbox jsonb, p_platform text, p_update_id text)
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

-- Group commit: the turns of updates that arrived while the last call was under way (different chats), begun in
-- one statement and finished in one, each as bot_turn_begin (not claiming) and bot_turn_finish would alone; `idx`
-- says whose row is whose. Items are given in a fixed order (account, then update id) so that two such statements
-- from different instances take their locks in the same order.
CREATE FUNCTION bot_turn_begin_many(p_items jsonb, p_open_statuses text[])
RETURNS TABLE (
  idx integer, fresh boolean,
  identity_id integer, identity_chat_id text, identity_person_id integer, failed_code_attempts integer,
  code_locked_until timestamptz, unreachable_since timestamptz, linked_at timestamptz, identity_timezone text,
  last_seen_at timestamptz, identity_created_at timestamptz,
  person_found boolean, person_language text, person_timezone text, is_member boolean, is_staff boolean, is_laid_off boolean,
  granted_at timestamptz, withdrawn_at timestamptz, last_region_code text, reported_months text[],
  reported_quarters text[], open_help jsonb,
  conversation_flow text, conversation_state jsonb, conversation_version integer)
LANGUAGE plpgsql AS $$
DECLARE
  item jsonb;
  n bigint;
BEGIN
  FOR item, n IN SELECT e.value, e.ordinality FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e LOOP
    RETURN QUERY SELECT n::integer, b.* FROM bot_turn_begin(item->>'platform', item->>'updateId', item->>'userId',
      item->>'chatId', (item->>'private')::boolean, item->>'timezone', (item->>'now')::timestamptz, p_open_statuses,
      ARRAY(SELECT jsonb_array_elements_text(item->'months')), ARRAY(SELECT jsonb_array_elements_text(item->'quarters')), false) b;
  END LOOP;
END $$;
--> statement-breakpoint

CREATE FUNCTION bot_turn_finish_many(p_items jsonb)
RETURNS TABLE (idx integer, written text)
LANGUAGE plpgsql AS $$
DECLARE
  item jsonb;
  n bigint;
BEGIN
  FOR item, n IN SELECT e.value, e.ordinality FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e LOOP
    idx := n;
    written := bot_turn_finish((item->>'person')::integer, item->>'mode', (item->>'previousVersion')::integer, item->>'flow',
      item->'state', (item->>'timeout')::timestamptz, (item->>'now')::timestamptz, item->'outbox', item->>'platform', item->>'updateId');
    RETURN NEXT;
  END LOOP;
END $$;
--> statement-breakpoint

-- The sender's statements, group-committed like the turns (src/db/coalescer.ts): the slots asked for while a take
-- was under way, taken in one call, each as SendBudget.take took it alone (only while the row is still that batch's
-- claim; the slot and the row's in-flight mark together). The caller orders them by platform, so that the platform
-- rows are always locked in the same order.
CREATE FUNCTION take_send_slots(p_requests jsonb)
RETURNS TABLE (idx integer, slot_at bigint, taken boolean, marked boolean)
LANGUAGE plpgsql AS $$
DECLARE
  r jsonb;
  n bigint;
BEGIN
  FOR r, n IN SELECT e.value, e.ordinality FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS e LOOP
    idx := n; slot_at := NULL; taken := NULL; marked := false;
    IF EXISTS (SELECT 1 FROM outbox_messages m WHERE m.id = (r->>'id')::integer AND m.status = 'sending'
        AND m.claimed_by = r->>'claimer' AND m.claimed_until > to_timestamp((r->>'earliest')::bigint / 1000.0)) THEN
      SELECT s.slot_at, s.taken INTO slot_at, taken FROM take_send_slot(r->>'platform', (r->>'platformN')::integer,
        (r->>'platformW')::bigint, (r->>'platformGap')::bigint, r->>'chat', (r->>'chatN')::integer, (r->>'chatW')::bigint,
        (r->>'chatGap')::bigint, (r->>'earliest')::bigint, (r->>'latest')::bigint) s;
      IF taken THEN
        UPDATE outbox_messages m SET send_started_at = to_timestamp(slot_at / 1000.0)
          WHERE m.id = (r->>'id')::integer AND m.status = 'sending' AND m.claimed_by = r->>'claimer';
        marked := FOUND;
      END IF;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;
--> statement-breakpoint

-- Sends that went, recorded together: the late starts' moves in the budget first (platform order, as above), then
-- each row sent (the claim ended), as finishRow records one.
CREATE FUNCTION outbox_record_sent(p_rows jsonb)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r jsonb;
BEGIN
  FOR r IN SELECT e.value FROM jsonb_array_elements(p_rows) AS e WHERE e.value ? 'planned' ORDER BY e.value->>'platform' LOOP
    UPDATE send_budget
      SET starts = starts[:array_position(starts, (r->>'planned')::bigint) - 1] || (r->>'started')::bigint || starts[array_position(starts, (r->>'planned')::bigint) + 1:]
      WHERE key IN (r->>'platform', r->>'chat') AND array_position(starts, (r->>'planned')::bigint) IS NOT NULL;
  END LOOP;
  UPDATE outbox_messages m SET status = 'sent', sent_at = (e.value->>'sentAt')::timestamptz, parts_sent = (e.value->>'parts')::integer,
      platform_message_id = e.value->>'messageId', claimed_until = NULL, send_started_at = NULL
    FROM jsonb_array_elements(p_rows) AS e
    WHERE m.id = (e.value->>'id')::integer;
END $$;
