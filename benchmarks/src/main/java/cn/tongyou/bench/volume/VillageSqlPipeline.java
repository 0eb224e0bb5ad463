package cn.tongyou.bench.volume;

import cn.tongyou.bench.Bench;
import org.postgresql.PGConnection;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The floor of the village import, on the same database: what PostgreSQL needs to take the same file into the same
 * table shape with the same events, set-based. In schema {@value #SCHEMA} (scratch, dropped after each round):
 * <ol>
 *   <li>{@code COPY} of villages.csv into an unlogged staging table (timed alone: the second anchor);</li>
 *   <li>one {@code INSERT … SELECT} into a copy of {@code facility.region} ({@code LIKE … INCLUDING ALL}: its primary key,
 *       prefix and trigram indexes, checks; plus its self-referencing parent key, which {@code LIKE} does not copy),
 *       seeded beforehand with the regions above villages and the villages present before the product's import, the
 *       codes padded to 12 digits, the urban/rural class derived from the name's ending as the service does, the row
 *       that repeats its parent (金门县) left out, {@code ON CONFLICT DO NOTHING} for existing codes; chained in the same
 *       statement to the outbox rows of the inserted ones, into a copy of {@code facility.outbox_event}, the payload
 *       built with {@code jsonb_build_object} in the shape of {@code RegionEvents.changed}, with the table's storage
 *       parameters (its fill factor), and their entries in a copy of {@code facility.outbox_pending} (chained too:
 *       the service's trigger does the same per statement);</li>
 *   <li>the audit rows the service writes with each event, into a copy of {@code facility.audit_record}, and their
 *       entries in a copy of the sealer's queue {@code facility.audit_unsealed} (timed apart: the
 *       issue's anchor leaves them out, the line beside it that does the service's whole work counts them).</li>
 * </ol>
 * One transaction, as the service's import.
 */
public final class VillageSqlPipeline {

    static final String SCHEMA = "bench_villages";
    /** The shared tables' edition, the {@code validFrom} the import is called with. */
    static final String EDITION = "2023-06-30";

    /** Times of one round. */
    public record Times(Duration copy, Duration insertWithOutbox, Duration audit, long regions, long events) {
        /** The anchor: COPY + INSERT … SELECT + outbox rows. */
        public Duration pipeline() {
            return copy.plus(insertWithOutbox);
        }
    }

    private final Bench bench;
    private final Path csv;

    public VillageSqlPipeline(Bench bench, Path csv) {
        this.bench = bench;
        this.csv = csv;
    }

    /** Remembers which villages exist before the product's import, so that every round inserts what the product does. */
    public void rememberExistingVillages() throws SQLException {
        try (Connection c = Calls.connect(bench)) {
            Calls.execute(c, "create schema if not exists " + SCHEMA,
                    "drop table if exists " + SCHEMA + ".prior_villages",
                    "create table " + SCHEMA + ".prior_villages as select code from facility.region where level = 5");
        }
    }

    /** COPY alone into a fresh staging table (warm-up: the file in the page cache, the server's buffers). */
    public Duration copyOnly() throws Exception {
        try (Connection c = Calls.connect(bench)) {
            prepareStaging(c);
            long t0 = System.nanoTime();
            copy(c);
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            Calls.execute(c, "drop table " + SCHEMA + ".village_staging");
            return d;
        }
    }

    public Times round() throws Exception {
        try (Connection c = Calls.connect(bench)) {
            prepare(c);
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            copy(c);
            long t1 = System.nanoTime();
            long regions;
            try (Statement s = c.createStatement()) {
                regions = s.executeUpdate(INSERT_REGIONS_AND_EVENTS);
            }
            long t2 = System.nanoTime();
            long audit;
            try (Statement s = c.createStatement()) {
                audit = s.executeUpdate(INSERT_AUDIT);
            }
            c.commit();
            long t3 = System.nanoTime();
            long events = Calls.queryLong(c, "select count(*) from " + SCHEMA + ".outbox_event");
            long pending = Calls.queryLong(c, "select count(*) from " + SCHEMA + ".outbox_pending");
            long inserted = Calls.queryLong(c, "select count(*) from " + SCHEMA + ".region where level = 5")
                    - Calls.queryLong(c, "select count(*) from " + SCHEMA + ".prior_villages");
            c.setAutoCommit(true);
            if (events != inserted || audit != events || pending != events) {
                throw new IllegalStateException("the SQL pipeline wrote " + inserted + " villages, " + events
                        + " outbox rows, " + pending + " pending entries and " + audit + " audit rows (statement count "
                        + regions + "): they must match");
            }
            clean(c);
            return new Times(Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1), Duration.ofNanos(t3 - t2),
                    inserted, events);
        }
    }

    /** Drops the scratch schema. */
    public void dropAll() throws SQLException {
        try (Connection c = Calls.connect(bench)) {
            Calls.execute(c, "drop schema if exists " + SCHEMA + " cascade");
        }
    }

    private void prepareStaging(Connection c) throws SQLException {
        Calls.execute(c, "create schema if not exists " + SCHEMA,
                "drop table if exists " + SCHEMA + ".village_staging",
                "create unlogged table " + SCHEMA + ".village_staging (code text, name text, street_code text,"
                        + " province_code text, city_code text, area_code text)");
    }

    private void prepare(Connection c) throws SQLException {
        clean(c);
        prepareStaging(c);
        Calls.execute(c,
                "create table if not exists " + SCHEMA + ".prior_villages as select code from facility.region where false",
                "create table " + SCHEMA + ".region (like facility.region including all)",
                "insert into " + SCHEMA + ".region select * from facility.region where level < 5"
                        + " or code in (select code from " + SCHEMA + ".prior_villages)",
                "alter table " + SCHEMA + ".region add foreign key (parent_code) references " + SCHEMA + ".region (code)",
                // its own sequence: LIKE copies the default, which would draw from the service's outbox sequence
                "create sequence " + SCHEMA + ".outbox_seq",
                "create table " + SCHEMA + ".outbox_event (like facility.outbox_event including all)",
                "alter table " + SCHEMA + ".outbox_event alter column seq set default nextval('" + SCHEMA + ".outbox_seq')",
                "create table " + SCHEMA + ".outbox_pending (like facility.outbox_pending including all)",
                "create sequence " + SCHEMA + ".audit_seq",
                "create table " + SCHEMA + ".audit_record (like facility.audit_record including all)",
                "alter table " + SCHEMA + ".audit_record alter column id set default nextval('" + SCHEMA + ".audit_seq')",
                "create table " + SCHEMA + ".audit_unsealed (like facility.audit_unsealed including all)",
                "analyze " + SCHEMA + ".region");
        // LIKE copies columns, indexes and constraints, not storage parameters such as the fill factor
        String options = Calls.queryString(c, "select array_to_string(reloptions, ', ') from pg_class"
                + " where oid = 'facility.outbox_event'::regclass");
        if (options != null && !options.isEmpty()) {
            Calls.execute(c, "alter table " + SCHEMA + ".outbox_event set (" + options + ")");
        }
    }

    private void clean(Connection c) throws SQLException {
        Calls.execute(c, "drop table if exists " + SCHEMA + ".region, " + SCHEMA + ".outbox_event, " + SCHEMA
                + ".outbox_pending, " + SCHEMA + ".audit_record, " + SCHEMA + ".audit_unsealed, " + SCHEMA
                + ".village_staging",
                "drop sequence if exists " + SCHEMA + ".outbox_seq",
                "drop sequence if exists " + SCHEMA + ".audit_seq");
    }

    private void copy(Connection c) throws Exception {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + SCHEMA
                    + ".village_staging from stdin with (format csv, header true)", in);
        }
    }

    /** The class {@code UrbanRural.fromName} derives: the ending decides (no name ends with an urban and a rural one). */
    private static final String CLASS_OF_NAME = "case when btrim(s.name) ~ '(居民委员会|居委会|社区)$' then 'urban'"
            + " when btrim(s.name) ~ '(村民委员会|村委会|村委|村|嘎查)$' then 'rural' end";

    private static final String INSERT_REGIONS_AND_EVENTS = "with inserted as ("
            + " insert into " + SCHEMA + ".region (code, name, level, parent_code, urban_rural, urban_rural_source,"
            + "   valid_from, generated, version)"
            + " select s.code, btrim(s.name), 5, rpad(s.street_code, 12, '0'), k.class,"
            + "   case when k.class is not null then 'derived' end, date '" + EDITION + "', false, 1"
            + " from " + SCHEMA + ".village_staging s cross join lateral (select " + CLASS_OF_NAME + " as class) k"
            + " where s.code <> rpad(s.street_code, 12, '0')"
            + " on conflict (code) do nothing"
            + " returning code, name, parent_code, urban_rural_code, urban_rural, urban_rural_source, valid_from, valid_to,"
            + "   generated, version),"
            + " events as (insert into " + SCHEMA + ".outbox_event (event_id, topic, event_type, aggregate_id, aggregate_version,"
            + "   payload, tombstone, actor)"
            + " select gen_random_uuid(), 'cfc.regions', 'cfc.region.changed.v1', code, version,"
            + "   jsonb_build_object('code', code, 'name', name, 'level', 'village', 'parentCode', parent_code,"
            + "     'urbanRuralCode', urban_rural_code, 'urbanRural', urban_rural, 'urbanRuralSource', urban_rural_source,"
            + "     'validFrom', valid_from::text, 'validTo', valid_to::text, 'generated', generated, 'version', version),"
            + "   false, 'bench'"
            + " from inserted returning seq)"
            + " insert into " + SCHEMA + ".outbox_pending (seq) select seq from events";

    /** The audit rows and their entries in the sealer's queue (the service's trigger adds them per statement). */
    private static final String INSERT_AUDIT = "with audited as (insert into " + SCHEMA + ".audit_record (outcome, operation, event_type,"
            + " aggregate_type, aggregate_id, aggregate_version, region_code, after_state, actor_subject, actor_roles,"
            + " actor_region)"
            + " select 'CHANGED', 'POST /api/v1/regions/import (bench)', event_type, topic, aggregate_id, aggregate_version,"
            + " aggregate_id, payload, 'bench', 'admin', 'CN' from " + SCHEMA + ".outbox_event returning id)"
            + " insert into " + SCHEMA + ".audit_unsealed (id) select id from audited";
}
