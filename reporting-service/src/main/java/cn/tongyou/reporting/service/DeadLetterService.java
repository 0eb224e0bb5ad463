package cn.tongyou.reporting.service;

import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.reporting.domain.DeadLetterEntry;
import cn.tongyou.reporting.events.DeadLetterRedrive;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dead letters of the projections, for ops: list them, and re-drive one once its cause is fixed. A re-drive
 * applies the original event through the consumer's path, so applying it twice changes nothing the second time
 * (the projection keeps the newer version); every re-drive is audited, with its outcome.
 */
@ApplicationScoped
public class DeadLetterService {

    public static final String AGGREGATE = "dead-letter";

    /** What a re-drive did: {@code applied} 1 if the projection took it, {@code stale} 1 if it already had it or newer. */
    public record Redriven(DeadLetterEntry deadLetter, int applied, int stale) {
    }

    @Inject
    DeadLetterRedrive redrive;

    @Inject
    AuditTrail audit;

    public List<DeadLetterEntry> list() {
        try {
            return redrive.list();
        } catch (KafkaException | IllegalStateException e) {
            throw unavailable(e);
        }
    }

    /**
     * Re-drives the dead letter at {@code partition}-{@code offset}: 404 if the topic does not have it (any more),
     * 422 with the reason if the projection still refuses it.
     */
    public Redriven redrive(int partition, long offset) {
        ConsumerRecord<String, byte[]> letter;
        try {
            letter = redrive.read(partition, offset)
                    .orElseThrow(() -> ProblemException.notFound("reporting.dead-letter.not-found",
                            partition + "-" + offset));
        } catch (KafkaException | IllegalStateException e) {
            throw unavailable(e);
        }
        DeadLetterRedrive.Outcome outcome = redrive.redrive(letter);
        if (outcome.refusal() != null) {
            throw ProblemException.unprocessable("dead-letter-refused", Message.of("reporting.dead-letter.title.refused"),
                    Message.of("reporting.dead-letter.refused", outcome.letter().id(), outcome.refusal()), List.of());
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("deadLetter", outcome.letter());
        after.put("applied", outcome.applied());
        after.put("stale", outcome.stale());
        QuarkusTransaction.requiringNew().run(() -> audit.recordChange(AGGREGATE, outcome.letter().id(),
                outcome.letter().aggregateVersion(), null, after, "re-drove dead letter " + outcome.letter().id() + " ("
                        + outcome.letter().originalTopic() + " " + outcome.letter().key() + "): "
                        + (outcome.applied() > 0 ? "applied" : "the projection already had it or a newer version")));
        return new Redriven(outcome.letter(), outcome.applied(), outcome.stale());
    }

    private static ProblemException unavailable(RuntimeException e) {
        return new ProblemException(503, Problem.TYPE_BASE + "broker-unavailable",
                Message.of("reporting.rebuild.title.broker"),
                Message.of("reporting.dead-letter.unavailable", Message.of(e)), List.of());
    }
}
