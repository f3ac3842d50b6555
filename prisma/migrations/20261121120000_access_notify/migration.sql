-- Every change to a user or to their property access is announced on the `bellhop_access` channel,
-- with the user id as payload (an empty payload after a TRUNCATE: everyone). Each server process
-- remembers the guard's lookups only while it hears these (lib/auth/viewer-cache.ts).
-- Prisma's WASM migration runner splits the file at every semicolon, even inside quotes, so the
-- plpgsql body is an E'' string that writes its semicolons as \073 and no comment holds one.
-- TG_ARGV[0] names the column that holds the user id: `id` on users, `user_id` on property_access.
CREATE FUNCTION bellhop_notify_access_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_LEVEL = ''STATEMENT'' THEN
    PERFORM pg_notify(''bellhop_access'', '''')\073
  ELSE
    IF TG_OP IN (''UPDATE'', ''DELETE'') THEN
      PERFORM pg_notify(''bellhop_access'', to_jsonb(OLD) ->> TG_ARGV[0])\073
    END IF\073
    IF TG_OP IN (''INSERT'', ''UPDATE'') THEN
      PERFORM pg_notify(''bellhop_access'', to_jsonb(NEW) ->> TG_ARGV[0])\073
    END IF\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "users_access_notify" AFTER INSERT OR UPDATE OR DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION bellhop_notify_access_change('id');
CREATE TRIGGER "users_access_notify_truncate" AFTER TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION bellhop_notify_access_change();
CREATE TRIGGER "property_access_notify" AFTER INSERT OR UPDATE OR DELETE ON "property_access"
  FOR EACH ROW EXECUTE FUNCTION bellhop_notify_access_change('user_id');
CREATE TRIGGER "property_access_notify_truncate" AFTER TRUNCATE ON "property_access"
  FOR EACH STATEMENT EXECUTE FUNCTION bellhop_notify_access_change();
