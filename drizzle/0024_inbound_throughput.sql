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
