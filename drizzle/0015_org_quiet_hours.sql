ALTER TABLE "report_cycle_settings" ALTER COLUMN "reminder_day" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ALTER COLUMN "follow_up_after_days" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ALTER COLUMN "liaison_after_days" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ALTER COLUMN "secretary_after_days" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ADD COLUMN "prompt_start_hour" integer;--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ADD COLUMN "prompt_end_hour" integer;--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ADD COLUMN "weekly_prompt_cap" integer;--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ADD COLUMN "updated_by" integer;--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ADD CONSTRAINT "report_cycle_settings_updated_by_persons_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ADD CONSTRAINT "report_cycle_settings_hours_check" CHECK ("report_cycle_settings"."prompt_start_hour" between 0 and 23 and "report_cycle_settings"."prompt_end_hour" between 1 and 24);--> statement-breakpoint
ALTER TABLE "report_cycle_settings" ADD CONSTRAINT "report_cycle_settings_cap_check" CHECK ("report_cycle_settings"."weekly_prompt_cap" between 1 and 14);