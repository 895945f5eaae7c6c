CREATE TABLE "organisations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"parent_id" integer,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"path" text NOT NULL,
	"region_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_kind_check" CHECK ("organisations"."kind" in ('county','township','street','branch','inflow','temporary_branch','industry_group'))
);
--> statement-breakpoint
CREATE TABLE "helper_assignments" (
	"member_id" integer NOT NULL,
	"helper_id" integer NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "helper_assignments_pair" UNIQUE("member_id","helper_id")
);
--> statement-breakpoint
CREATE TABLE "liaison_assignments" (
	"member_id" integer PRIMARY KEY NOT NULL,
	"liaison_id" integer NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"home_org_id" integer NOT NULL,
	"inflow_org_id" integer,
	"status" text DEFAULT 'resident' NOT NULL,
	"probationary" boolean DEFAULT false NOT NULL,
	"probation_ends_on" date,
	"occupation" text,
	"employer" text,
	"destination_region_code" text,
	"departed_on" date,
	"expected_return_on" date,
	"lost_contact_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_status_check" CHECK ("members"."status" in ('resident','mobile','returned','laid_off','lost_contact'))
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "persons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"phone" text,
	"language" text DEFAULT 'zh-CN' NOT NULL,
	"timezone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_roles" (
	"person_id" integer NOT NULL,
	"role" text NOT NULL,
	"org_id" integer NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_roles_person_id_role_org_id_pk" PRIMARY KEY("person_id","role","org_id"),
	CONSTRAINT "staff_roles_role_check" CHECK ("staff_roles"."role" in ('liaison','helper','secretary','org_admin'))
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "identities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"platform" text NOT NULL,
	"external_user_id" text NOT NULL,
	"chat_id" text NOT NULL,
	"person_id" integer,
	"failed_code_attempts" integer DEFAULT 0 NOT NULL,
	"code_locked_until" timestamp with time zone,
	"unreachable_since" timestamp with time zone,
	"linked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identities_platform_user" UNIQUE("platform","external_user_id"),
	CONSTRAINT "identities_platform_check" CHECK ("identities"."platform" in ('telegram','slack','terminal'))
);
--> statement-breakpoint
CREATE TABLE "invite_codes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invite_codes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code_hash" text NOT NULL,
	"person_id" integer NOT NULL,
	"created_by" integer,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_identity_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invite_codes_code_hash_unique" UNIQUE("code_hash"),
	CONSTRAINT "invite_codes_used_consistent" CHECK (("invite_codes"."used_at" is null) = ("invite_codes"."used_by_identity_id" is null))
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"moved_since_last" boolean,
	"work" text,
	"has_difficulty" boolean,
	"studied" boolean,
	"body" text,
	"platform" text,
	CONSTRAINT "reports_one_per_period" UNIQUE("member_id","kind","period"),
	CONSTRAINT "reports_kind_check" CHECK ("reports"."kind" in ('monthly','thought')),
	CONSTRAINT "reports_period_shape" CHECK (("reports"."kind" = 'monthly' and "reports"."period" ~ '^[0-9]{4}-[0-9]{2}$') or ("reports"."kind" = 'thought' and "reports"."period" ~ '^[0-9]{4}-Q[1-4]$'))
);
--> statement-breakpoint
CREATE TABLE "location_consents" (
	"member_id" integer PRIMARY KEY NOT NULL,
	"granted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"asked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "location_records" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "location_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "location_region_code_shape" CHECK ("location_records"."region_code" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "help_attachments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "help_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"platform" text NOT NULL,
	"file_ref" text NOT NULL,
	"mime" text,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_request_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "help_request_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "help_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "help_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "help_requests_status_check" CHECK ("help_requests"."status" in ('open','assigned','in_progress','resolved','confirmed','reopened')),
	CONSTRAINT "help_requests_category_check" CHECK ("help_requests"."category" in ('legal','wages','labour_dispute','medical','housing','schooling','jobs','papers','transfer','other'))
);
--> statement-breakpoint
CREATE TABLE "tracking_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tracking_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"kind" text NOT NULL,
	"note" text,
	"details" jsonb,
	CONSTRAINT "tracking_kind_check" CHECK ("tracking_entries"."kind" in ('report','thought_report','call','message','visit','location','help','status_change','departure','return','note','onboarded'))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"actor_id" integer,
	"action" text NOT NULL,
	"target_kind" text,
	"target_id" text,
	"at" timestamp with time zone NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"flow" text NOT NULL,
	"state" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"timeout_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processed_updates" (
	"platform" text NOT NULL,
	"update_id" text NOT NULL,
	"processed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "processed_updates_platform_update_id_pk" PRIMARY KEY("platform","update_id")
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"chat_kind" text DEFAULT 'private' NOT NULL,
	"identity_id" integer,
	"person_id" integer,
	"purpose" text NOT NULL,
	"broadcast_id" integer,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claimed_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"platform_message_id" text,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outbox_messages_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "outbox_status_check" CHECK ("outbox_messages"."status" in ('pending','sending','sent','failed'))
);
--> statement-breakpoint
ALTER TABLE "helper_assignments" ADD CONSTRAINT "helper_assignments_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helper_assignments" ADD CONSTRAINT "helper_assignments_helper_id_persons_id_fk" FOREIGN KEY ("helper_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_assignments" ADD CONSTRAINT "liaison_assignments_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liaison_assignments" ADD CONSTRAINT "liaison_assignments_liaison_id_persons_id_fk" FOREIGN KEY ("liaison_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_home_org_id_organisations_id_fk" FOREIGN KEY ("home_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_inflow_org_id_organisations_id_fk" FOREIGN KEY ("inflow_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_roles" ADD CONSTRAINT "staff_roles_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_roles" ADD CONSTRAINT "staff_roles_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_codes" ADD CONSTRAINT "invite_codes_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_codes" ADD CONSTRAINT "invite_codes_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invite_codes" ADD CONSTRAINT "invite_codes_used_by_identity_id_identities_id_fk" FOREIGN KEY ("used_by_identity_id") REFERENCES "public"."identities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_consents" ADD CONSTRAINT "location_consents_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_records" ADD CONSTRAINT "location_records_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_attachments" ADD CONSTRAINT "help_attachments_request_id_help_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."help_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_request_events" ADD CONSTRAINT "help_request_events_request_id_help_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."help_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_request_events" ADD CONSTRAINT "help_request_events_actor_id_persons_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_assignee_id_persons_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_entries" ADD CONSTRAINT "tracking_entries_member_id_members_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_entries" ADD CONSTRAINT "tracking_entries_actor_id_persons_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_persons_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_identity_id_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."identities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisations_path_idx" ON "organisations" USING btree ("path");--> statement-breakpoint
CREATE INDEX "organisations_parent_idx" ON "organisations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "liaison_assignments_liaison_idx" ON "liaison_assignments" USING btree ("liaison_id");--> statement-breakpoint
CREATE INDEX "members_home_org_idx" ON "members" USING btree ("home_org_id");--> statement-breakpoint
CREATE INDEX "members_inflow_org_idx" ON "members" USING btree ("inflow_org_id");--> statement-breakpoint
CREATE INDEX "members_status_idx" ON "members" USING btree ("status");--> statement-breakpoint
CREATE INDEX "identities_person_idx" ON "identities" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "invite_codes_person_idx" ON "invite_codes" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "reports_kind_period_idx" ON "reports" USING btree ("kind","period");--> statement-breakpoint
CREATE INDEX "location_records_member_idx" ON "location_records" USING btree ("member_id","recorded_at");--> statement-breakpoint
CREATE INDEX "help_request_events_request_idx" ON "help_request_events" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "help_requests_member_idx" ON "help_requests" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "help_requests_status_idx" ON "help_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "tracking_entries_member_idx" ON "tracking_entries" USING btree ("member_id","at");--> statement-breakpoint
CREATE INDEX "tracking_entries_kind_at_idx" ON "tracking_entries" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "conversations_timeout_idx" ON "conversations" USING btree ("timeout_at");--> statement-breakpoint
CREATE INDEX "processed_updates_at_idx" ON "processed_updates" USING btree ("processed_at");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox_messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_person_idx" ON "outbox_messages" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_broadcast_idx" ON "outbox_messages" USING btree ("broadcast_id","status");