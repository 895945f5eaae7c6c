CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"fire_at" timestamp with time zone NOT NULL,
	"instance" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "job_runs_job_fire_at_pk" PRIMARY KEY("job","fire_at")
);
--> statement-breakpoint
CREATE TABLE "org_chats" (
	"org_id" integer NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "org_chats_platform_chat_id_pk" PRIMARY KEY("platform","chat_id")
);
--> statement-breakpoint
CREATE TABLE "report_cycle_settings" (
	"org_id" integer PRIMARY KEY NOT NULL,
	"reminder_day" integer NOT NULL,
	"follow_up_after_days" integer NOT NULL,
	"liaison_after_days" integer NOT NULL,
	"secretary_after_days" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "study_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"link" text,
	"file_ref" text,
	"target_occupations" text[] DEFAULT '{}' NOT NULL,
	"publish_on" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "study_items_category_check" CHECK ("study_items"."category" in ('policy_law','practical_skills','model_experience','market_info','science_culture_health'))
);
--> statement-breakpoint
CREATE TABLE "study_reads" (
	"item_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "study_reads_item_id_member_id_pk" PRIMARY KEY("item_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_status_check";--> statement-breakpoint
ALTER TABLE "org_chats" ADD CONSTRAINT "org_chats_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ADD CONSTRAINT "report_cycle_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_items" ADD CONSTRAINT "study_items_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_reads" ADD CONSTRAINT "study_reads_item_id_study_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."study_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_reads" ADD CONSTRAINT "study_reads_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_chats_org_idx" ON "org_chats" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "study_items_publish_idx" ON "study_items" USING btree ("publish_on");--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_status_check" CHECK ("outbox_messages"."status" in ('pending','sending','sent','failed','cancelled'));