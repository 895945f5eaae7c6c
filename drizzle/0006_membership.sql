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
CREATE TABLE "membership_settings" (
	"org_id" integer PRIMARY KEY NOT NULL,
	"evaluation_month" integer DEFAULT 12 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "membership_settings_month_check" CHECK ("membership_settings"."evaluation_month" between 1 and 12)
);
--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_home_opinion_by_persons_id_fk" FOREIGN KEY ("home_opinion_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_inflow_opinion_by_persons_id_fk" FOREIGN KEY ("inflow_opinion_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_result_by_persons_id_fk" FOREIGN KEY ("result_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_settings" ADD CONSTRAINT "membership_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_settings" ADD CONSTRAINT "membership_settings_updated_by_persons_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluations_year_idx" ON "evaluations" USING btree ("year");