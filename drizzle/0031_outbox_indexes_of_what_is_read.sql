DROP INDEX "outbox_due_idx";--> statement-breakpoint
DROP INDEX "outbox_person_idx";--> statement-breakpoint
DROP INDEX "outbox_broadcast_idx";--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox_messages" USING btree ("next_attempt_at","id") WHERE "outbox_messages"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_person_idx" ON "outbox_messages" USING btree ("person_id","created_at") WHERE "outbox_messages"."person_id" is not null;--> statement-breakpoint
CREATE INDEX "outbox_broadcast_idx" ON "outbox_messages" USING btree ("broadcast_id","status") WHERE "outbox_messages"."broadcast_id" is not null;