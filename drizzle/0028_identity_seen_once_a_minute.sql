-- bot_turn_begin as in migration 0025, but an account that has nothing new to record is only read, not written:
-- before, every update wrote a new version of its account's row to move last_seen_at on (a heap write and the
-- write-ahead log behind it, and on PostgreSQL a row lock, in the first statement of every turn). Now the account is
-- written when it is new, when it was marked unreachable, when its chat or time zone changed, or when it was last
-- seen a minute ago or more. last_seen_at only picks which of a person's accounts a message goes to (the reachable
-- one used last, outbox/enqueue.ts): a minute's lag matters only to someone who writes from two platforms within
-- the same minute, and either account reaches them. With p_claim (a turn in a transaction) the account is always
-- written, as before: its row lock is what makes two invite-code attempts at once count one after the other.
CREATE OR REPLACE FUNCTION bot_turn_begin(
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
  IF NOT p_claim THEN
    SELECT * INTO idn FROM identities i WHERE i.platform = p_platform AND i.external_user_id = p_user;
  END IF;
  IF p_claim OR idn.id IS NULL OR idn.last_seen_at IS NULL OR idn.last_seen_at <= p_now - interval '1 minute'
      OR idn.unreachable_since IS NOT NULL OR (p_private AND idn.chat_id IS DISTINCT FROM p_chat)
      OR (p_timezone IS NOT NULL AND idn.timezone IS DISTINCT FROM p_timezone) THEN
    INSERT INTO identities AS i (platform, external_user_id, chat_id, last_seen_at, timezone)
      VALUES (p_platform, p_user, CASE WHEN p_private THEN p_chat ELSE p_user END, p_now, p_timezone)
      ON CONFLICT (platform, external_user_id) DO UPDATE SET
        last_seen_at = p_now, unreachable_since = NULL,
        chat_id = CASE WHEN p_private THEN p_chat ELSE i.chat_id END,
        timezone = coalesce(p_timezone, i.timezone)
      RETURNING * INTO idn;
  END IF;
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
