-- take_send_slot as in migration 0026, but when the earliest moment asked for is taken, the later candidates are tried
-- earliest first, stopping at the first free: every candidate was tried against every start, the square of the
-- starts, so that at a 200/s limit a take cost 6.9 ms of PGlite, more than the 5 ms a send the limit allows.
-- (Pruning the starts once a window instead of on every take was tried: the arrays a third longer cost more to
-- write than the sort saved; 0.65 against 0.55 ms a message at 1,000 sends a second.)
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
    -- Tried earliest first, up to the first that is free (every candidate was tried against every start before:
    -- the square of the starts, milliseconds a take at a few hundred of them).
    -- (OFFSET 0 keeps the tests above the sort, so that they run on the candidates in order, as far as needed.)
    SELECT c INTO t FROM (
      SELECT x.c FROM (
        SELECT s + p_platform_w AS c FROM unnest(platform_starts) s
        UNION ALL SELECT s + p_platform_gap FROM unnest(platform_starts) s
        UNION ALL SELECT s + p_chat_w FROM unnest(chat_starts) s
        UNION ALL SELECT s + p_chat_gap FROM unnest(chat_starts) s
      ) x
      WHERE x.c >= base ORDER BY x.c OFFSET 0
    ) candidates
    WHERE (SELECT count(*) FROM unnest(platform_starts) s WHERE s > c - p_platform_w AND s < c + p_platform_w) < p_platform_n
      AND NOT EXISTS (SELECT 1 FROM unnest(platform_starts) s WHERE s > c - p_platform_gap AND s < c + p_platform_gap)
      AND (SELECT count(*) FROM unnest(chat_starts) s WHERE s > c - p_chat_w AND s < c + p_chat_w) < p_chat_n
      AND NOT EXISTS (SELECT 1 FROM unnest(chat_starts) s WHERE s > c - p_chat_gap AND s < c + p_chat_gap)
    LIMIT 1;
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

-- A platform's starts pass a page at a high limit (1,000 sends a second keep 2,000 starts, 16 kB) and are then stored
-- out of the row on every take; PostgreSQL also tried to compress them each time, for little (timestamps a few ms
-- apart). Stored as they are: a send's statement 0.71 → 0.59 ms of PGlite at that rate.
ALTER TABLE send_budget ALTER COLUMN starts SET STORAGE EXTERNAL;
