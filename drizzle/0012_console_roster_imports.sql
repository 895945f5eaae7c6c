ALTER TABLE "roster_imports" ALTER COLUMN "platform" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "roster_imports" ALTER COLUMN "chat_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD COLUMN "report_base64" text;