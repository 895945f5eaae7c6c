-- bot_turn_begin_many as one query over its items instead of a loop that ran a query for each (RETURN QUERY per
-- item: its plan set up and torn down every time, a third of the function's time in the inbound bench's polling run,
-- measured with track_functions). The items are still begun one after another, in the order given (the lock order
-- group commit sorted them in): the lateral call runs once per item as the items are read, and each call sees what
-- the calls before it wrote. Same arguments, same rows.
CREATE OR REPLACE FUNCTION bot_turn_begin_many(p_items jsonb, p_open_statuses text[])
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
BEGIN
  RETURN QUERY SELECT e.ordinality::integer, b.*
    FROM jsonb_array_elements(p_items) WITH ORDINALITY AS e
    CROSS JOIN LATERAL bot_turn_begin(e.value->>'platform', e.value->>'updateId', e.value->>'userId',
      e.value->>'chatId', (e.value->>'private')::boolean, e.value->>'timezone', (e.value->>'now')::timestamptz, p_open_statuses,
      ARRAY(SELECT jsonb_array_elements_text(e.value->'months')), ARRAY(SELECT jsonb_array_elements_text(e.value->'quarters')), false) b
    ORDER BY e.ordinality;
END $$;
