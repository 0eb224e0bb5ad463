package cn.tongyou.indicator.store;

import cn.tongyou.indicator.domain.IndicatorFilter;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The indicator catalogue (a few hundred rows: read whole where a bulk operation needs it). */
@ApplicationScoped
public class IndicatorStore implements PanacheRepositoryBase<IndicatorEntity, String> {

    private static final String CATALOG_IMPORT_LOCK =
            "select cast(pg_advisory_xact_lock(hashtext(current_schema() || '.catalog-import')) as text)";

    /** Serialises catalogue imports until the transaction ends; keyed by schema like the outbox relay's lock, so services sharing a database differ. */
    public void lockCatalogImports() {
        getEntityManager().createNativeQuery(CATALOG_IMPORT_LOCK).getSingleResult();
    }

    public Optional<IndicatorEntity> findForUpdate(String code) {
        return find("code", code).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public PanacheQuery<IndicatorEntity> search(IndicatorFilter f) {
        List<String> clauses = new ArrayList<>();
        Parameters p = new Parameters();
        if (f.domain() != null) {
            clauses.add("domain = :domain");
            p.and("domain", f.domain());
        }
        if (f.q() != null) {
            clauses.add("(lower(name) like :q or lower(nameEn) like :q or lower(code) like :q)");
            p.and("q", "%" + f.q().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.obtained() != null) {
            clauses.add("obtained = :obtained");
            p.and("obtained", f.obtained());
        }
        if (f.valueType() != null) {
            clauses.add("valueType = :valueType");
            p.and("valueType", f.valueType());
        }
        String where = String.join(" and ", clauses);
        return clauses.isEmpty() ? findAll(Sort.by("domain").and("code")) : find(where, Sort.by("domain").and("code"), p);
    }
}
