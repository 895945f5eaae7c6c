CREATE TABLE "roster_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roster_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"actor_id" integer NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"identity_id" integer,
	"file_ref" text NOT NULL,
	"mime" text,
	"file_name" text,
	"file_base64" text,
	"org_id" integer,
	"state" text NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"rows_total" integer,
	"preview" jsonb,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "roster_imports_state_check" CHECK ("roster_imports"."state" in ('choosing_branch','queued','previewing','previewed','confirmed','applying','done','cancelled','refused','failed'))
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "departed_month_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "ethnicity" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "education" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "joined_on" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "full_member_on" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "id_number" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "birth_date" text;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_actor_id_persons_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_identity_id_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."identities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roster_imports_state_idx" ON "roster_imports" USING btree ("state","lease_until");--> statement-breakpoint
CREATE INDEX "persons_phone_idx" ON "persons" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "persons_name_idx" ON "persons" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_id_number_key" ON "persons" USING btree ("id_number");--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_joined_on_shape" CHECK ("members"."joined_on" ~ '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$');--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_full_member_on_shape" CHECK ("members"."full_member_on" ~ '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$');--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_birth_date_shape" CHECK ("persons"."birth_date" ~ '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$');