-- The least-privilege database roles of the platform (docs/design.md §11.1), for the database the services
-- use. Run once per database as a superuser (or a role with CREATEROLE that owns the database), again at any time:
-- every statement is idempotent.
--
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f deploy/sql/roles.sql
--   psql "$DATABASE_URL" -c '\password facility_owner'    -- and so on for the eight roles
--
-- Per service schema two LOGIN roles, created without a password (set one per role afterwards):
--   <schema>_owner  owns the schema and everything in it; Flyway migrates as it (CFC_DB_MIGRATION_USER);
--   <schema>_app    the service's datasource (CFC_DB_USER): USAGE on its own schema only. Its table privileges are
--                   granted by the service's own migrations (common db/common/afterMigrate__runtime_role_grants.sql),
--                   so that they follow the tables.
-- The local stack and the tests (deploy/local EmbeddedPostgresServer.createServiceRoles) run this same script, then
-- give every role its name as a development password.

do $roles$
declare
    s text;
    owner_role text;
    app_role text;
    obj record;
begin
    foreach s in array array['facility', 'indicator', 'task', 'reporting'] loop
        owner_role := s || '_owner';
        app_role := s || '_app';
        -- NOINHERIT/NOCREATEDB/NOCREATEROLE are the defaults; spelled out, because these roles must stay this small
        if not exists (select 1 from pg_roles where rolname = owner_role) then
            execute format('create role %I login nosuperuser nocreatedb nocreaterole noinherit', owner_role);
        end if;
        if not exists (select 1 from pg_roles where rolname = app_role) then
            execute format('create role %I login nosuperuser nocreatedb nocreaterole noinherit', app_role);
        end if;
        -- the platform's other services hold no right on this database beyond connecting
        execute format('grant connect on database %I to %I, %I', current_database(), owner_role, app_role);

        execute format('create schema if not exists %I authorization %I', s, owner_role);
        -- A database migrated before the roles existed: its schema and objects belong to whoever ran Flyway then.
        -- They change hands, so that the owner can migrate them further (tables take their owned sequences along).
        execute format('alter schema %I owner to %I', s, owner_role);
        for obj in select c.relname from pg_class c
                   where c.relnamespace = s::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
                     and c.relowner <> owner_role::regrole loop
            execute format('alter table %I.%I owner to %I', s, obj.relname, owner_role);
        end loop;
        for obj in select c.relname from pg_class c
                   where c.relnamespace = s::regnamespace and c.relkind = 'S' and c.relowner <> owner_role::regrole
                     and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                                     and d.objid = c.oid and d.deptype in ('a', 'i')) loop
            execute format('alter sequence %I.%I owner to %I', s, obj.relname, owner_role);
        end loop;
        for obj in select p.oid::regprocedure as signature from pg_proc p
                   where p.pronamespace = s::regnamespace and p.proowner <> owner_role::regrole loop
            execute format('alter routine %s owner to %I', obj.signature, owner_role);
        end loop;
        for obj in select t.typname from pg_type t
                   where t.typnamespace = s::regnamespace and t.typtype in ('e', 'd') and t.typowner <> owner_role::regrole loop
            execute format('alter type %I.%I owner to %I', s, obj.typname, owner_role);
        end loop;

        execute format('grant usage on schema %I to %I', s, app_role);
    end loop;
end
$roles$;

-- Before PostgreSQL 15 every role could create objects in public (CVE-2018-1058); no role of the platform needs to.
revoke create on schema public from public;

-- facility-service's migrations ask for these in public (geo search and fuzzy names). Installing an extension is the
-- database administrator's part; the owner role's "create extension if not exists" then finds them.
create extension if not exists pg_trgm with schema public;
create extension if not exists cube with schema public;
create extension if not exists earthdistance with schema public;
