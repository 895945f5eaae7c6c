CREATE TABLE "org_rollups" (
	"period" text NOT NULL,
	"org_id" integer NOT NULL,
	"measure" text NOT NULL,
	"key" text DEFAULT '' NOT NULL,
	"own" integer DEFAULT 0 NOT NULL,
	"subtree" integer DEFAULT 0 NOT NULL,
	"attached" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "org_rollups_period_org_id_measure_key_pk" PRIMARY KEY("period","org_id","measure","key")
);
--> statement-breakpoint
CREATE TABLE "rollup_runs" (
	"period" text PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"took_ms" integer NOT NULL,
	"members" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_rollups" ADD CONSTRAINT "org_rollups_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_rollups_org_idx" ON "org_rollups" USING btree ("org_id","period");--> statement-breakpoint
CREATE INDEX "members_card_idx" ON "members" USING btree ("person_id","status");--> statement-breakpoint
CREATE INDEX "persons_timezone_idx" ON "persons" USING btree ("timezone");--> statement-breakpoint
CREATE INDEX "persons_card_idx" ON "persons" USING btree ("id","name","timezone");