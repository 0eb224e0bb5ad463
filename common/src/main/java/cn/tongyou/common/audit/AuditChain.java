package cn.tongyou.common.audit;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Tamper evidence of the audit trail (防篡改): a hash chain per service. The sealer gives each committed row, in the
 * order it finds them, a chain position and {@code hash = SHA-256(previous hash, row)}, where the row is the text of
 * {@code audit_canonical} (every column), kept in {@code audit_seal}; the rows to seal are queued in
 * {@code audit_unsealed} as they are inserted (R__audit_trail.sql). Sealing after commit, not inside the writing
 * transaction, keeps writers from queueing on one chain head; a row waits at most a few seconds for its seal.
 * {@link #verify} walks the chain and reports the first broken link: a changed or deleted row breaks the hashes from
 * there on.
 */
@ApplicationScoped
public class AuditChain {

    private static final Logger LOG = Logger.getLogger(AuditChain.class);

    /** The hash before the first row. */
    public static final String GENESIS = "0".repeat(64);
    private static final int BATCH = 5_000;
    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.audit-sealer')) as locked";
    private static final String HEAD = "select chain_position, hash from audit_seal order by chain_position desc limit 1";
    /**
     * The oldest queued records, each looked up by its key (a join would merge along the whole sealed history); an
     * entry whose record is gone is passed over (the verification reports the gap). This and {@link #HEAD} are
     * planned at every batch ({@link Jdbc#forEachWithFreshPlan}): on a new deployment a plan PostgreSQL cached while the
     * audit tables were empty looks each record up by a sequential scan (a scratch server, records reduced to two
     * columns, after 617,514 of them: 137 s for one batch instead of 7 ms; the head, 74 ms instead of a fraction of
     * one) until an ANALYZE invalidates it.
     */
    private static final String UNSEALED = "select * from (select u.id, (select audit_canonical(r) from audit_record r "
            + "where r.id = u.id) as canonical from audit_unsealed u order by u.id limit ?) q where canonical is not null";
    /** The seals, and the records' removal from the queue, in one round trip; audit_record itself is not written. */
    private static final String SEAL = "with sealed as (delete from audit_unsealed where id = any(?)) "
            + "insert into audit_seal (record_id, chain_position, previous_hash, hash) "
            + "select * from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[])";
    /** Records without a seal, counted from the records themselves (not the queue, which the sealer empties). */
    private static final String UNSEALED_FIGURES = "select count(*) as unsealed, min(recorded_at) as oldest "
            + "from audit_record r where not exists (select 1 from audit_seal s where s.record_id = r.id)";

    /** The result of a verification. */
    public record Verification(boolean intact, long sealedRows, long unsealedRows, Instant oldestUnsealed,
                               String headHash, Long firstBrokenPosition, Long firstBrokenRecordId, String problem) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Jdbc jdbc;

    @Scheduled(every = "${cfc.audit.seal-interval:2s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sealPending() {
        try {
            while (sealBatch() == BATCH) {
                // a bulk import leaves many rows: keep sealing until the backlog is gone
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("audit sealer: %s", e.getMessage());
        }
    }

    /** Seals up to one batch of committed rows; returns how many. One sealer per service holds the lock at a time. */
    public int sealBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean[] locked = {false};
                Jdbc.forEach(connection, LOCK, List.of(), row -> locked[0] = row.bool("locked"));
                if (!locked[0]) {
                    connection.rollback();
                    return 0;
                }
                long[] position = {0};
                String[] previous = {GENESIS};
                Jdbc.forEachWithFreshPlan(connection, HEAD, List.of(), row -> {
                    position[0] = row.longValue("chain_position");
                    previous[0] = row.string("hash");
                });
                List<Long> ids = new ArrayList<>();
                List<Long> positions = new ArrayList<>();
                List<String> previousHashes = new ArrayList<>();
                List<String> hashes = new ArrayList<>();
                Jdbc.forEachWithFreshPlan(connection, UNSEALED, List.of(BATCH), row -> {
                    String hash = hash(previous[0], row.string("canonical"));
                    ids.add(row.longValue("id"));
                    positions.add(++position[0]);
                    previousHashes.add(previous[0]);
                    hashes.add(hash);
                    previous[0] = hash;
                });
                if (!ids.isEmpty()) {
                    SqlArray sealed = SqlArray.of("bigint", ids);
                    Jdbc.update(connection, SEAL, List.of(sealed, sealed, SqlArray.of("bigint", positions),
                            SqlArray.of("text", previousHashes), SqlArray.of("text", hashes)));
                }
                connection.commit();
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Seals everything committed so far (tests, and before a verification). */
    public void sealAll() {
        sealPending();
    }

    /** Recomputes the chain from its start and reports the first broken link (read through a cursor). */
    @Transactional
    public Verification verify() {
        long[] sealed = {0};
        String[] expectedPrevious = {GENESIS};
        long[] expectedPosition = {1};
        Object[] broken = {null, null, null};
        // a sealed record deleted (or its seal) leaves a gap in the positions
        jdbc.forEach("select r.id, s.chain_position, s.previous_hash, s.hash, audit_canonical(r) as canonical from "
                + "audit_seal s join audit_record r on r.id = s.record_id order by s.chain_position", List.of(), 1_000, row -> {
            if (broken[0] != null) {
                return;
            }
            long position = row.longValue("chain_position");
            long id = row.longValue("id");
            String problem = null;
            if (position != expectedPosition[0]) {
                problem = "position " + expectedPosition[0] + " is missing (a sealed row was deleted)";
            } else if (!expectedPrevious[0].equals(row.string("previous_hash"))) {
                problem = "the row does not continue the chain (previous hash differs)";
            } else if (!hash(expectedPrevious[0], row.string("canonical")).equals(row.string("hash"))) {
                problem = "the row's content no longer matches its hash (changed after it was sealed)";
            }
            if (problem != null) {
                broken[0] = position;
                broken[1] = id;
                broken[2] = problem;
                return;
            }
            sealed[0]++;
            expectedPosition[0]++;
            expectedPrevious[0] = row.string("hash");
        });
        long[] unsealed = {0};
        Instant[] oldest = {null};
        jdbc.forEach(UNSEALED_FIGURES, List.of(), row -> {
            unsealed[0] = row.longValue("unsealed");
            oldest[0] = row.instant("oldest");
        });
        return new Verification(broken[0] == null, sealed[0], unsealed[0], oldest[0], expectedPrevious[0], (Long) broken[0],
                (Long) broken[1], (String) broken[2]);
    }

    static String hash(String previous, String canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous.getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) '\n');
            digest.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
