CREATE TABLE "pending_commands" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pending_commands_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"command" text NOT NULL,
	"kind" text NOT NULL,
	"arg" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "pending_commands_kind_check" CHECK ("pending_commands"."kind" in ('pick','confirm'))
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "category_while_lost" text;--> statement-breakpoint
ALTER TABLE "pending_commands" ADD CONSTRAINT "pending_commands_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pending_commands_created_idx" ON "pending_commands" USING btree ("created_at");