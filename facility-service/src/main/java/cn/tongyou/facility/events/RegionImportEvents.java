package cn.tongyou.facility.events;

import cn.tongyou.common.audit.Actor;
import cn.tongyou.common.outbox.OutboxRelay;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.facility.store.RegionImportStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Arrays;

/**
 * The events of a region import, written set-based from the import's staging table ({@link RegionImportStore}) in the
 * import's transaction: one outbox row per staged region and, chained in the same statement, the audit row
 * {@code OutboxWriter} would write with it ({@code AuditTrail.changeOf}: outcome CHANGED, the payload as after-state,
 * no region code since a region event's data has none, the request's actor). Sealing stays with {@code AuditChain}
 * after commit, as for every audit row.
 *
 * <p>The payload is {@link RegionEvents#changed}'s, built by {@code jsonb_build_object}: the same keys, nulls kept,
 * dates as ISO text, {@code version} a number. {@code payload} is {@code jsonb}, so what is stored and relayed is the
 * same text as from the Java path (RegionImportSqlTest compares them). Keep the two in step.
 */
@ApplicationScoped
public class RegionImportEvents {

    /** In file order: the relay publishes in {@code seq} order, so a parent's event goes before its children's. */
    private static final String INSERT = "with events as ("
            + " insert into outbox_event (event_id, topic, event_type, aggregate_id, aggregate_version, payload,"
            + "   tombstone, actor)"
            + " select gen_random_uuid(), ?::text, ?::text, code, version, jsonb_build_object('code', code, 'name', name,"
            + "   'level', level_code, 'parentCode', parent_code, 'urbanRuralCode', urban_rural_code,"
            + "   'urbanRural', urban_rural, 'urbanRuralSource', urban_rural_source,"
            + "   'validFrom', to_char(valid_from, 'YYYY-MM-DD'), 'validTo', to_char(valid_to, 'YYYY-MM-DD'),"
            + "   'generated', generated, 'version', version), false, ?::text"
            + " from " + RegionImportStore.STAGING + " order by line"
            + " returning seq, topic, event_type, aggregate_id, aggregate_version, payload)"
            + " insert into audit_record (outcome, operation, event_type, aggregate_type, aggregate_id, aggregate_version,"
            + "   region_code, after_state, detail, actor_subject, actor_roles, actor_region, actor_unit, request_id,"
            + "   client_address)"
            + " select 'CHANGED', ?::text, event_type, topic, aggregate_id, aggregate_version, null, payload, null,"
            + "   ?::text, ?::text, ?::text, ?::text, ?::text, ?::text"
            + " from events order by seq";

    @Inject
    Jdbc jdbc;

    @Inject
    OutboxRelay relay;

    /** Appends the staged regions' events and audit records; answers how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long appendStaged(Actor actor) {
        relay.wakeAfterCommit();
        return jdbc.update(INSERT, Arrays.asList(RegionEvents.TOPIC, RegionEvents.CHANGED, actor.subject(),
                actor.operation(), actor.subject(), actor.roles(), actor.region(), actor.unit(), actor.requestId(),
                actor.clientAddress()));
    }
}
