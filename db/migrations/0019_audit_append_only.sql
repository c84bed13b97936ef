-- The audit log is append-only: no statement may change or remove what it records. The one
-- exception is the database itself forgetting who acted when their user row is deleted
-- (the actor_id foreign key's ON DELETE SET NULL), which changes nothing else.
CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
     AND NOT EXISTS (SELECT 1 FROM users WHERE id = OLD.actor_id)
     AND NEW.id = OLD.id AND NEW.action = OLD.action AND NEW.target_type = OLD.target_type
     AND NEW.target_id = OLD.target_id AND NEW.details = OLD.details
     AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only_rows
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
-- Members who were here before trust levels existed start at 1: the job sets everyone's level
-- from their activity on its first run.
UPDATE users SET trust_level = 1;
