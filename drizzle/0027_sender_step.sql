-- The sender's records and slots in one statement (src/outbox/ledger.ts): the sends that went recorded first, then
-- the slots asked for since taken, each as outbox_record_sent and take_send_slots do alone; `idx` is the request's
-- `n`. Platform by platform in one order, records before slots within each: every statement, of any instance, then
-- locks a platform's budget row before that platform's chat rows, and the platforms' rows in the same order.
CREATE FUNCTION outbox_sender_step(p_records jsonb, p_takes jsonb)
RETURNS TABLE (idx integer, slot_at bigint, taken boolean, marked boolean)
LANGUAGE plpgsql AS $$
DECLARE
  p text;
  mine jsonb;
BEGIN
  FOR p IN SELECT x.platform FROM (
      SELECT e.value->>'platform' AS platform FROM jsonb_array_elements(p_records) e
      UNION SELECT e.value->>'platform' FROM jsonb_array_elements(p_takes) e) x
    ORDER BY x.platform COLLATE "C" LOOP
    mine := (SELECT jsonb_agg(e.value ORDER BY e.ordinality) FROM jsonb_array_elements(p_records) WITH ORDINALITY e WHERE e.value->>'platform' = p);
    IF mine IS NOT NULL THEN
      PERFORM outbox_record_sent(mine);
    END IF;
    mine := (SELECT jsonb_agg(e.value ORDER BY e.ordinality) FROM jsonb_array_elements(p_takes) WITH ORDINALITY e WHERE e.value->>'platform' = p);
    IF mine IS NOT NULL THEN
      RETURN QUERY SELECT (mine->(s.idx - 1)->>'n')::integer, s.slot_at, s.taken, s.marked FROM take_send_slots(mine) s;
    END IF;
  END LOOP;
END $$;
