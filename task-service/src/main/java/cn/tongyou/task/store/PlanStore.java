package cn.tongyou.task.store;

import cn.tongyou.common.store.Jdbc;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

/** Plans. */
@ApplicationScoped
public class PlanStore implements PanacheRepositoryBase<PlanEntity, UUID> {

    @Inject
    Jdbc jdbc;

    /**
     * The plan a document is, locked: by its source reference, else by region and title among plans without one.
     * Null when the plan is new.
     */
    public PlanEntity lockedForImport(String sourceRef, String regionCode, String title) {
        return sourceRef != null
                ? find("sourceRef", sourceRef).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                : find("regionCode = ?1 and title = ?2 and sourceRef is null", regionCode, title)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The name a plan of the region gives the region (荥阳市), for the unit normaliser; null when none. */
    public String regionName(String regionCode) {
        return jdbc.first("select region_name from plan where region_code = ? and region_name is not null order by created_at limit 1",
                List.of(regionCode), row -> row.string("region_name")).orElse(null);
    }
}
