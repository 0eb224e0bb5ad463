package cn.tongyou.indicator.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class DomainStore implements PanacheRepositoryBase<DomainEntity, String> {

    /** Indicators per domain name. */
    public Map<String, Long> indicatorCounts() {
        Map<String, Long> counts = new HashMap<>();
        List<Object[]> rows = getEntityManager()
                .createQuery("select i.domain, count(i) from IndicatorEntity i group by i.domain", Object[].class).getResultList();
        rows.forEach(r -> counts.put((String) r[0], (Long) r[1]));
        return counts;
    }
}
