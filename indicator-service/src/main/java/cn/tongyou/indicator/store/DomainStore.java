package cn.tongyou.indicator.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class DomainStore implements PanacheRepositoryBase<DomainEntity, String> {

    /** The domain, locked until the transaction ends (its version is compared under the lock). */
    public Optional<DomainEntity> findForUpdate(String name) {
        return findByIdOptional(name, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Indicators per domain name. */
    public Map<String, Long> indicatorCounts() {
        Map<String, Long> counts = new HashMap<>();
        List<Object[]> rows = getEntityManager()
                .createQuery("select i.domain, count(i) from IndicatorEntity i group by i.domain", Object[].class).getResultList();
        rows.forEach(r -> counts.put((String) r[0], (Long) r[1]));
        return counts;
    }
}
