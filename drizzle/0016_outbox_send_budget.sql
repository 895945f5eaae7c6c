CREATE TABLE "send_budget" (
	"key" text PRIMARY KEY NOT NULL,
	"starts" bigint[] DEFAULT '{}' NOT NULL,
	"paused_until" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "send_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "interrupted_sends" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "outbox_sending_chat_idx" ON "outbox_messages" USING btree ("platform","chat_id") WHERE "outbox_messages"."status" = 'sending';--> statement-breakpoint
CREATE INDEX "outbox_interrupted_idx" ON "outbox_messages" USING btree ("platform") WHERE "outbox_messages"."interrupted_sends" > 0;--> statement-breakpoint
-- One send slot from the budget every instance shares: the earliest start at or after p_earliest at which
-- fewer than p_platform_n starts of the platform lie less than p_platform_w ms away (before or after), none
-- less than p_platform_gap ms away, the same for the chat with its own n, w and gap, and neither is paused.
-- So any window of w ms holds at most n starts, whatever order the instances take their slots in, and no
-- burst goes faster than a start every gap ms; a start far in the future (a clock that runs ahead) holds back
-- nothing now, nor does a wait it wrote. Taken (written to both rows) when it is no later than p_latest. The
-- platform row is locked first, the chat row second, every time: takes of one platform queue for a moment
-- (never deadlock), and each read below sees what the take before it wrote. One statement, no lock held by
-- a client.
CREATE FUNCTION take_send_slot(
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
  -- The earliest allowed start is the base, or the moment some start falls out of reach (start + w, + gap).
  SELECT min(c) INTO t FROM (
    SELECT base AS c
    UNION ALL SELECT s + p_platform_w FROM unnest(platform_starts) s
    UNION ALL SELECT s + p_platform_gap FROM unnest(platform_starts) s
    UNION ALL SELECT s + p_chat_w FROM unnest(chat_starts) s
    UNION ALL SELECT s + p_chat_gap FROM unnest(chat_starts) s
  ) candidates
  WHERE c >= base
    AND (SELECT count(*) FROM unnest(platform_starts) s WHERE s > c - p_platform_w AND s < c + p_platform_w) < p_platform_n
    AND NOT EXISTS (SELECT 1 FROM unnest(platform_starts) s WHERE s > c - p_platform_gap AND s < c + p_platform_gap)
    AND (SELECT count(*) FROM unnest(chat_starts) s WHERE s > c - p_chat_w AND s < c + p_chat_w) < p_chat_n
    AND NOT EXISTS (SELECT 1 FROM unnest(chat_starts) s WHERE s > c - p_chat_gap AND s < c + p_chat_gap);
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
