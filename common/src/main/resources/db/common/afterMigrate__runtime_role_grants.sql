-- What the service's runtime role may do in its schema (docs/design.md §11.1). A Flyway callback, not a
-- migration: it runs after every migrate, as the migration role that owns the tables, so a table added by a later
-- migration is granted without editing this file, and a grant changed by hand is put back at the next start.
--
-- ${appRole}: the runtime role (the datasource's user). When Flyway runs as that same role (no
-- CFC_DB_MIGRATION_USER: one role for everything, as in the module tests) there is nothing to grant.
-- ${insertOnlyTables}: the service's history tables, comma-separated (its application.properties); audit_record and
-- audit_seal always are. The runtime role may read and add rows there, never change or remove one.
do $grants$
declare
    schema_name text := '${flyway:defaultSchema}';
    app_role text := '${appRole}';
    insert_only text[] := array['audit_record', 'audit_seal'] || string_to_array(replace('${insertOnlyTables}', ' ', ''), ',');
    t text;
begin
    if app_role = current_user then
        return;
    end if;
    if not exists (select 1 from pg_roles where rolname = app_role) then
        raise exception 'the runtime role % does not exist: create the roles first (deploy/sql/roles.sql)', app_role;
    end if;
    -- Flyway runs callbacks outside its migration lock: replicas starting together would otherwise grant on the same
    -- tables at once, which PostgreSQL refuses ("tuple concurrently updated"). The second waits, then repeats them.
    perform pg_advisory_xact_lock(hashtext(schema_name || '.runtime-role-grants'));
    execute format('grant usage on schema %I to %I', schema_name, app_role);
    -- TRUNCATE with DELETE: a projection rebuild empties its tables at once, which deleting every row allows anyway
    execute format('grant select, insert, update, delete, truncate on all tables in schema %I to %I',
                   schema_name, app_role);
    execute format('grant usage, select on all sequences in schema %I to %I', schema_name, app_role);
    -- Flyway's own history is the migration role's business
    execute format('revoke all on %I.%I from %I', schema_name, '${flyway:table}', app_role);
    foreach t in array insert_only loop
        continue when t = '';
        if to_regclass(format('%I.%I', schema_name, t)) is null then
            raise exception 'insert-only table %.% does not exist (quarkus.flyway.placeholders.insertOnlyTables)',
                schema_name, t;
        end if;
        execute format('revoke update, delete, truncate on %I.%I from %I', schema_name, t, app_role);
    end loop;
end
$grants$;
