-- outbox_record_sent as in migration 0025, with each row found by its id. The join with the list of rows
-- (UPDATE ... FROM jsonb_array_elements) was planned as a hash join over the whole outbox: jsonb_array_elements
-- is estimated at 100 rows, against a table of a few thousand, and every message sent read every message ever
-- queued (16 ms a record at 6,000 rows on PGlite; the outbox grows until pruned).
CREATE OR REPLACE FUNCTION outbox_record_sent(p_rows jsonb)
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
  FOR r IN SELECT e.value FROM jsonb_array_elements(p_rows) AS e LOOP
    UPDATE outbox_messages m SET status = 'sent', sent_at = (r->>'sentAt')::timestamptz, parts_sent = (r->>'parts')::integer,
        platform_message_id = r->>'messageId', claimed_until = NULL, send_started_at = NULL
      WHERE m.id = (r->>'id')::integer;
  END LOOP;
END $$;
--> statement-breakpoint

-- take_send_slot as in migration 0025, doing less when there is less to do: the platform's row is created only
-- when missing (not tried on every take); the starts are counted only when there are at least n of them kept
-- (fewer cannot fill a window) and looked at for the gap only when there is one; and a slot is appended, the old
-- starts dropped only once the first one kept is out of reach, instead of filtering and sorting the whole list on
-- every take. With the bench's raised limits the platform keeps hundreds of starts, and each take sorted them all.
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
  SELECT b.starts, b.paused_until INTO platform_starts, platform_paused FROM send_budget b WHERE b.key = p_platform FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO send_budget (key) VALUES (p_platform) ON CONFLICT (key) DO NOTHING;
    SELECT b.starts, b.paused_until INTO platform_starts, platform_paused FROM send_budget b WHERE b.key = p_platform FOR UPDATE;
  END IF;
  SELECT b.starts, b.paused_until INTO chat_starts, chat_paused FROM send_budget b WHERE b.key = p_chat FOR UPDATE;
  -- A wait ending more than an hour from now was asked for by a clock far ahead of this one: not heeded.
  base := greatest(p_earliest,
    CASE WHEN platform_paused > p_earliest + 3600000 THEN 0 ELSE platform_paused END,
    CASE WHEN chat_paused > p_earliest + 3600000 THEN 0 ELSE coalesce(chat_paused, 0) END);
  taken := true;
  IF cardinality(platform_starts) >= p_platform_n THEN
    SELECT count(*) FILTER (WHERE s > base - p_platform_w AND s < base + p_platform_w) < p_platform_n INTO STRICT taken FROM unnest(platform_starts) s;
  END IF;
  IF taken AND p_platform_gap > 0 THEN
    taken := NOT EXISTS (SELECT 1 FROM unnest(platform_starts) s WHERE s > base - p_platform_gap AND s < base + p_platform_gap);
  END IF;
  IF taken AND coalesce(cardinality(chat_starts), 0) >= p_chat_n THEN
    SELECT count(*) FILTER (WHERE s > base - p_chat_w AND s < base + p_chat_w) < p_chat_n INTO STRICT taken FROM unnest(chat_starts) s;
  END IF;
  IF taken AND p_chat_gap > 0 THEN
    taken := NOT EXISTS (SELECT 1 FROM unnest(chat_starts) s WHERE s > base - p_chat_gap AND s < base + p_chat_gap);
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
  -- Starts older than two windows can no longer matter (a second instance's clock may lag by less than a window):
  -- dropped once the first start kept is among them. The order of the starts matters to nobody (they are counted).
  UPDATE send_budget SET starts = CASE WHEN starts[1] > p_earliest - 2 * p_platform_w THEN starts || t
      ELSE array(SELECT s FROM unnest(starts) s WHERE s > p_earliest - 2 * p_platform_w ORDER BY s) || t END
    WHERE key = p_platform;
  INSERT INTO send_budget (key, starts) VALUES (p_chat, array[t])
    ON CONFLICT (key) DO UPDATE SET starts = CASE WHEN send_budget.starts[1] > p_earliest - 2 * p_chat_w THEN send_budget.starts || t
      ELSE array(SELECT s FROM unnest(send_budget.starts) s WHERE s > p_earliest - 2 * p_chat_w ORDER BY s) || t END;
  RETURN QUERY SELECT t, true;
END $$;
--> statement-breakpoint

-- A budget row is rewritten by every take and every late start's move. Past 2 kB PostgreSQL compressed its starts
-- (or moved them out of the row) on each write and took them apart on each read: at a high limit the platform keeps
-- hundreds of starts (800 at 400 sends a second), and that was a quarter of a take's time on PGlite. Rows up to a
-- page stay as they are; a platform at Telegram's 30 a second keeps about 60 starts, 500 bytes, either way.
ALTER TABLE send_budget SET (toast_tuple_target = 8160);
