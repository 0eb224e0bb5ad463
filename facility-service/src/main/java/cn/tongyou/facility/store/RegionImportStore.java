package cn.tongyou.facility.store;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.facility.domain.Region;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * The writes of a region import, set-based (issue 16): the regions a batch of the import creates or changes are
 * streamed with {@code COPY} into a staging table that lives and dies with the import's transaction, then written by
 * one {@code INSERT … SELECT} and one {@code UPDATE … FROM} in that same transaction, followed there by their outbox
 * and audit rows ({@code RegionImportEvents}), and the table is emptied for the next batch; so events still commit
 * exactly with the rows and a failure leaves nothing.
 * Deciding what each row does stays in Java ({@code Region.compare}); only the moving of rows is here. A row per
 * statement through {@code unnest} arrays cost the import a third of its CPU in pgjdbc's array text encoding.
 */
@ApplicationScoped
public class RegionImportStore {

    /** The staging table, one row per region the import creates or changes; {@code RegionImportEvents} reads it too. */
    public static final String STAGING = "region_import_staging";
    private static final String CREATE = "create temporary table " + STAGING + " (line bigint not null,"
            + " op char(1) not null, code varchar(12) not null, name text not null, level smallint not null,"
            + " level_code text not null, parent_code varchar(12), urban_rural_code varchar(3), urban_rural varchar(5),"
            + " urban_rural_source varchar(8), valid_from date, valid_to date, generated boolean not null,"
            + " version bigint not null) on commit drop";
    private static final String COPY = "copy " + STAGING + " (line, op, code, name, level, level_code, parent_code,"
            + " urban_rural_code, urban_rural, urban_rural_source, valid_from, valid_to, generated, version) from stdin";
    private static final String INSERT_REGIONS = "insert into region (code, name, level, parent_code, urban_rural_code,"
            + " urban_rural, urban_rural_source, valid_from, valid_to, generated, version)"
            + " select code, name, level, parent_code, urban_rural_code, urban_rural, urban_rural_source, valid_from,"
            + " valid_to, generated, version from " + STAGING + " where op = 'I'";
    private static final String UPDATE_REGIONS = "update region r set name = s.name, urban_rural_code = s.urban_rural_code,"
            + " urban_rural = s.urban_rural, urban_rural_source = s.urban_rural_source, valid_to = s.valid_to,"
            + " generated = s.generated, version = s.version, updated_at = now()"
            + " from " + STAGING + " s where s.op = 'U' and r.code = s.code";
    /** What is staged for one region. */
    public enum Operation {
        INSERT('I'), UPDATE('U');

        private final char code;

        Operation(char code) {
            this.code = code;
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Jdbc jdbc;

    /** Opens the staging table in the caller's transaction; it is dropped when that transaction ends. */
    public void open() {
        jdbc.update(CREATE, List.of());
    }

    /** Streams one batch of decided rows into staging: {@code lines[i]} is the file line of {@code regions.get(i)}. */
    public void stage(List<Region> regions, List<Operation> operations, long[] lines) {
        if (regions.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(regions.size() * 160);
        for (int i = 0; i < regions.size(); i++) {
            Region r = regions.get(i);
            text.append(lines[i]).append('\t').append(operations.get(i).code).append('\t');
            field(text, r.code().value());
            field(text, r.name());
            text.append(r.level().depth()).append('\t');
            field(text, r.level().code());
            field(text, r.parent() == null ? null : r.parent().value());
            field(text, r.urbanRuralCode());
            field(text, r.urbanRural() == null ? null : r.urbanRural().code());
            field(text, r.urbanRuralSource() == null ? null : r.urbanRuralSource().code());
            field(text, date(r.validFrom()));
            field(text, date(r.validTo()));
            text.append(r.generated() ? 't' : 'f').append('\t').append(r.version()).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        // Inside the import's transaction the datasource hands out the transaction's connection.
        try (Connection connection = dataSource.getConnection()) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("staging the region import failed: " + e.getMessage(), e);
        }
    }

    /** Counts of what {@link #write} wrote. */
    public record Written(long inserted, long updated) {
    }

    /** Empties the staging table for the next batch (a TRUNCATE: a DELETE would leave every batch's rows to scan). */
    public void clear() {
        jdbc.update("truncate " + STAGING, List.of());
    }

    /** Writes the staged regions in the caller's transaction (their events: {@code RegionImportEvents}). */
    public Written write() {
        return new Written(jdbc.update(INSERT_REGIONS, List.of()), jdbc.update(UPDATE_REGIONS, List.of()));
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** A column of COPY's text format: {@code \N} for null, backslash escapes for the characters it reserves. */
    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
        out.append('\t');
    }
}
