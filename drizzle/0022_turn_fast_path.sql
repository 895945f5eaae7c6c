-- The fast path of one update (issue 17): what a turn reads first and writes last, each in one call. Functions
-- rather than statements because PL/pgSQL keeps its plans for the session: on PGlite planning the facts query
-- cost more than running it, for every update.

-- The update id recorded once (fresh = false: a redelivery, nothing else done); the sender's account created or
-- touched (writing to us means it is reachable again); for a linked account in its private chat, the person's
-- facts and their conversation. The caller passes the open help statuses, and the periods `now` can be in any time
-- zone (the reports of those come back; the caller picks the person's own period, as loadFacts does): time zone
-- conversions cost more than the rest of the statement on PGlite.
CREATE OR REPLACE FUNCTION bot_turn_begin(
  p_platform text, p_update_id text, p_user text, p_chat text, p_private boolean, p_timezone text,
  p_now timestamptz, p_open_statuses text[], p_months text[], p_quarters text[])
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
  INSERT INTO processed_updates (platform, update_id, processed_at) VALUES (p_platform, p_update_id, p_now)
    ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    fresh := false;
    RETURN NEXT;
    RETURN;
  END IF;
  fresh := true;
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
  RETURN NEXT;
END $$;
--> statement-breakpoint

-- The end of a turn: the conversation written with its version check ('insert', 'update', 'delete', or 'none'),
-- then the replies queued (a key already queued is skipped), in the order given. False, and nothing queued, when
-- someone else changed the conversation meanwhile: the caller rolls back and runs the update again.
CREATE OR REPLACE FUNCTION bot_turn_finish(
  p_person integer, p_mode text, p_previous_version integer, p_flow text, p_state jsonb,
  p_timeout timestamptz, p_now timestamptz, p_outbox jsonb)
RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF p_mode = 'insert' THEN
    INSERT INTO conversations (person_id, flow, state, version, timeout_at, updated_at)
      VALUES (p_person, p_flow, p_state, 1, p_timeout, p_now)
      ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN RETURN false; END IF;
  ELSIF p_mode = 'update' THEN
    UPDATE conversations SET flow = p_flow, state = p_state, version = p_previous_version + 1, timeout_at = p_timeout, updated_at = p_now
      WHERE person_id = p_person AND version = p_previous_version;
    IF NOT FOUND THEN RETURN false; END IF;
  ELSIF p_mode = 'delete' THEN
    DELETE FROM conversations WHERE person_id = p_person AND version = p_previous_version;
    IF NOT FOUND THEN RETURN false; END IF;
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
  RETURN true;
END $$;
