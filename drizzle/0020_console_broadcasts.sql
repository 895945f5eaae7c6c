CREATE TABLE "broadcast_reads" (
	"broadcast_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "broadcast_reads_broadcast_id_member_id_pk" PRIMARY KEY("broadcast_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "body" text;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "audience" jsonb;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "attached_item_id" integer;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "send_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "queued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "broadcast_reads" ADD CONSTRAINT "broadcast_reads_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_reads" ADD CONSTRAINT "broadcast_reads_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_attached_item_id_study_items_id_fk" FOREIGN KEY ("attached_item_id") REFERENCES "public"."study_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broadcasts_waiting_idx" ON "broadcasts" USING btree ("send_at") WHERE "broadcasts"."queued_at" is null and "broadcasts"."cancelled_at" is null and "broadcasts"."send_at" is not null;--> statement-breakpoint
-- Notices sent before this migration went out when they were made.
UPDATE "broadcasts" SET "queued_at" = "created_at" WHERE "queued_at" IS NULL;
