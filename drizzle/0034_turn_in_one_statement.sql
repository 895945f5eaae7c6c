-- A turn in one statement when the bot could foresee what bot_turn_begin would read (bot/turn/foresight.ts): an
-- account it has never seen (a first contact: unlinked), or a member whose last turn it handled itself (what was
-- read then, the conversation as that turn wrote it). The step runs on the foresight first; bot_turn_once then
-- reads as bot_turn_begin reads (the same call: update id looked up, account created or touched) and, when the
-- reading is what was foreseen, writes as bot_turn_finish writes (update id, conversation with its version check,
-- effects, answers) in the same statement. When it is not, nothing is written and the reading is answered: the turn
-- goes on from it as a turn begun by bot_turn_begin does. Exactly once and the version check are bot_turn_finish's,
-- as before.
--
-- The stamp is what the step reads of the account and the person, the conversation aside: a foresight is right when
-- its stamp is the reading's and the conversation is the one it expects. last_seen_at is left out (it moves once a
-- minute and no step reads it), and so are the update's own fields.
CREATE FUNCTION bot_turn_stamp(p_row jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT md5((p_row - 'idx' - 'fresh' - 'last_seen_at' - 'identity_created_at' - 'unreachable_since'
    - 'conversation_flow' - 'conversation_state' - 'conversation_version')::text)
$$;
--> statement-breakpoint

CREATE FUNCTION bot_turn_once(p_begin jsonb, p_expect jsonb, p_finish jsonb, p_open_statuses text[])
RETURNS TABLE (outcome text, written text, begun jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  b jsonb;
  foreseen boolean;
  outbox jsonb;
BEGIN
  SELECT to_jsonb(r) INTO b FROM bot_turn_begin(p_begin->>'platform', p_begin->>'updateId', p_begin->>'userId',
    p_begin->>'chatId', (p_begin->>'private')::boolean, p_begin->>'timezone', (p_begin->>'now')::timestamptz, p_open_statuses,
    ARRAY(SELECT jsonb_array_elements_text(p_begin->'months')), ARRAY(SELECT jsonb_array_elements_text(p_begin->'quarters')), false) r;
  IF NOT (b->>'fresh')::boolean THEN
    outcome := 'duplicate';
    RETURN NEXT;
    RETURN;
  END IF;
  IF p_expect->>'kind' = 'unlinked' THEN
    -- An account not linked to anyone: its step reads nothing but the update (redeeming a code needs a transaction).
    foreseen := b->'identity_person_id' = 'null'::jsonb;
  ELSE
    foreseen := bot_turn_stamp(b) = p_expect->>'stamp'
      AND b->'conversation_flow' = coalesce(p_expect->'flow', 'null'::jsonb)
      AND b->'conversation_version' = coalesce(p_expect->'version', 'null'::jsonb)
      AND b->'conversation_state' = coalesce(p_expect->'state', 'null'::jsonb);
  END IF;
  IF NOT foreseen THEN
    outcome := 'begun';
    begun := b || jsonb_build_object('stamp', bot_turn_stamp(b));
    RETURN NEXT;
    RETURN;
  END IF;
  -- A first contact's answers go to the account this statement created: its id was not known when they were made.
  SELECT coalesce(jsonb_agg(CASE WHEN o.item->'identityId' = 'null'::jsonb THEN o.item
      ELSE o.item || jsonb_build_object('identityId', b->'identity_id') END ORDER BY o.n), '[]'::jsonb)
    INTO outbox FROM jsonb_array_elements(p_finish->'outbox') WITH ORDINALITY AS o(item, n);
  outcome := 'written';
  written := bot_turn_finish((p_finish->>'person')::integer, p_finish->>'mode', (p_finish->>'previousVersion')::integer, p_finish->>'flow',
    p_finish->'state', (p_finish->>'timeout')::timestamptz, (p_finish->>'now')::timestamptz, outbox, p_finish->>'platform',
    p_finish->>'updateId', p_finish->'effects');
  begun := jsonb_build_object('identity_id', b->'identity_id');
  RETURN NEXT;
END $$;
--> statement-breakpoint

-- Group commit (bot/turn/groupCommit.ts): the items one after another in the order given, as bot_turn_begin_many's.
CREATE FUNCTION bot_turn_once_many(p_items jsonb, p_open_statuses text[])
RETURNS TABLE (idx integer, outcome text, written text, begun jsonb)
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT e.ordinality::integer, o.*
    FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e
    CROSS JOIN LATERAL bot_turn_once(e.value->'begin', e.value->'expect', e.value->'finish', p_open_statuses) o
    ORDER BY e.ordinality;
END $$;
