CREATE TABLE "certificate_activities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "certificate_activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"what" text NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_wish_statements" (
	"member_id" integer PRIMARY KEY NOT NULL,
	"work" text[] DEFAULT '{}' NOT NULL,
	"place" text,
	"training" text[] DEFAULT '{}' NOT NULL,
	"stated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recognitions" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recognitions" ADD COLUMN "revoked_by" integer;--> statement-breakpoint
ALTER TABLE "recognitions" ADD COLUMN "revoke_reason" text;--> statement-breakpoint
ALTER TABLE "recognitions" ADD COLUMN "announced_broadcast_id" integer;--> statement-breakpoint
ALTER TABLE "certificate_activities" ADD CONSTRAINT "certificate_activities_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_activities" ADD CONSTRAINT "certificate_activities_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_activities" ADD CONSTRAINT "certificate_activities_recorded_by_persons_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_wish_statements" ADD CONSTRAINT "job_wish_statements_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificate_activities_member_idx" ON "certificate_activities" USING btree ("member_id","held_on");--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_revoked_by_persons_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_revoke_has_reason" CHECK ("recognitions"."revoked_at" is null or "recognitions"."revoke_reason" is not null);