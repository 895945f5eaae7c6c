CREATE TABLE "dues_amounts" (
	"member_id" integer PRIMARY KEY NOT NULL,
	"monthly_fen" integer NOT NULL,
	"from_month" text NOT NULL,
	"set_by" integer,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dues_amounts_positive" CHECK ("dues_amounts"."monthly_fen" >= 0),
	CONSTRAINT "dues_amounts_month_shape" CHECK ("dues_amounts"."from_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "dues_payments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dues_payments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"month" text NOT NULL,
	"amount_fen" integer,
	"paid_on" date,
	"paid_at_org_id" integer,
	"state" text NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dues_payments_member_month" UNIQUE("member_id","month"),
	CONSTRAINT "dues_payments_state_check" CHECK ("dues_payments"."state" in ('claimed','confirmed')),
	CONSTRAINT "dues_payments_month_shape" CHECK ("dues_payments"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "employment_outcomes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "employment_outcomes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"on" date NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "employment_outcomes_check" CHECK ("employment_outcomes"."outcome" in ('trained','reemployed'))
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"year" integer NOT NULL,
	"self_rating" text,
	"self_text" text,
	"self_at" timestamp with time zone,
	"home_opinion" text,
	"home_opinion_by" integer,
	"home_opinion_at" timestamp with time zone,
	"inflow_opinion" text,
	"inflow_opinion_by" integer,
	"inflow_opinion_at" timestamp with time zone,
	"result" text,
	"result_reason" text,
	"result_by" integer,
	"result_at" timestamp with time zone,
	CONSTRAINT "evaluations_member_year" UNIQUE("member_id","year"),
	CONSTRAINT "evaluations_self_rating_check" CHECK ("evaluations"."self_rating" in ('good','fair','improve')),
	CONSTRAINT "evaluations_result_check" CHECK ("evaluations"."result" in ('excellent','qualified','basic','unqualified')),
	CONSTRAINT "evaluations_result_has_reason" CHECK ("evaluations"."result" is null or "evaluations"."result_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "holiday_answers" (
	"member_id" integer NOT NULL,
	"holiday_on" date NOT NULL,
	"coming_home" boolean NOT NULL,
	"arrive_on" date,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "holiday_answers_member_id_holiday_on_pk" PRIMARY KEY("member_id","holiday_on")
);
--> statement-breakpoint
CREATE TABLE "home_visit_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "home_visit_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"liaison_id" integer,
	"source" text NOT NULL,
	"home_on" date NOT NULL,
	"due_on" date NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "home_visit_tasks_member_day" UNIQUE("member_id","home_on"),
	CONSTRAINT "home_visit_tasks_source_check" CHECK ("home_visit_tasks"."source" in ('answer','said','return'))
);
--> statement-breakpoint
CREATE TABLE "job_offers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "job_offers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"place" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "job_offers_kind_check" CHECK ("job_offers"."kind" in ('training','job'))
);
--> statement-breakpoint
CREATE TABLE "job_signups" (
	"offer_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"help_request_id" integer,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "job_signups_offer_id_member_id_pk" PRIMARY KEY("offer_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "make_up_attendance" (
	"session_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	CONSTRAINT "make_up_attendance_session_id_member_id_pk" PRIMARY KEY("session_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "make_up_sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "make_up_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_settings" (
	"org_id" integer PRIMARY KEY NOT NULL,
	"evaluation_month" integer DEFAULT 12 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "membership_settings_month_check" CHECK ("membership_settings"."evaluation_month" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "org_holidays" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "org_holidays_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"on" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "org_holidays_org_day" UNIQUE("org_id","on")
);
--> statement-breakpoint
CREATE TABLE "recognitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recognitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"year" integer NOT NULL,
	"reason" text NOT NULL,
	"proposed_by_org_id" integer NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dues_amounts" ADD CONSTRAINT "dues_amounts_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_amounts" ADD CONSTRAINT "dues_amounts_set_by_persons_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_paid_at_org_id_organisations_id_fk" FOREIGN KEY ("paid_at_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dues_payments" ADD CONSTRAINT "dues_payments_recorded_by_persons_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employment_outcomes" ADD CONSTRAINT "employment_outcomes_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employment_outcomes" ADD CONSTRAINT "employment_outcomes_recorded_by_persons_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_home_opinion_by_persons_id_fk" FOREIGN KEY ("home_opinion_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_inflow_opinion_by_persons_id_fk" FOREIGN KEY ("inflow_opinion_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_result_by_persons_id_fk" FOREIGN KEY ("result_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holiday_answers" ADD CONSTRAINT "holiday_answers_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_visit_tasks" ADD CONSTRAINT "home_visit_tasks_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "home_visit_tasks" ADD CONSTRAINT "home_visit_tasks_liaison_id_persons_id_fk" FOREIGN KEY ("liaison_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offers" ADD CONSTRAINT "job_offers_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_offers" ADD CONSTRAINT "job_offers_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_signups" ADD CONSTRAINT "job_signups_offer_id_job_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."job_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_signups" ADD CONSTRAINT "job_signups_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "make_up_attendance" ADD CONSTRAINT "make_up_attendance_session_id_make_up_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."make_up_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "make_up_attendance" ADD CONSTRAINT "make_up_attendance_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "make_up_sessions" ADD CONSTRAINT "make_up_sessions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "make_up_sessions" ADD CONSTRAINT "make_up_sessions_recorded_by_persons_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_settings" ADD CONSTRAINT "membership_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_settings" ADD CONSTRAINT "membership_settings_updated_by_persons_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_holidays" ADD CONSTRAINT "org_holidays_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_holidays" ADD CONSTRAINT "org_holidays_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_proposed_by_org_id_organisations_id_fk" FOREIGN KEY ("proposed_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_recorded_by_persons_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "employment_outcomes_member_idx" ON "employment_outcomes" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "evaluations_year_idx" ON "evaluations" USING btree ("year");--> statement-breakpoint
CREATE INDEX "home_visit_tasks_member_idx" ON "home_visit_tasks" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "job_offers_org_idx" ON "job_offers" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "make_up_attendance_member_idx" ON "make_up_attendance" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "recognitions_member_idx" ON "recognitions" USING btree ("member_id","year");