package cn.tongyou.indicator.store;

import cn.tongyou.indicator.domain.TargetFilter;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Targets per (indicator, region, year, level). */
@ApplicationScoped
public class TargetStore implements PanacheRepositoryBase<TargetEntity, UUID> {

    public Optional<TargetEntity> findKey(String indicator, String region, int year, String level, boolean lock) {
        PanacheQuery<TargetEntity> q = find("indicatorCode = ?1 and regionCode = ?2 and year = ?3 and level = ?4",
                indicator, region, year, level);
        if (lock) {
            q = q.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return q.firstResultOptional();
    }

    public PanacheQuery<TargetEntity> search(TargetFilter f) {
        List<String> clauses = new ArrayList<>();
        Parameters p = new Parameters();
        if (f.region() != null) {
            if (f.descendants()) {
                clauses.add("regionCode like :region");
                p.and("region", f.region().subtreePattern());
            } else {
                clauses.add("regionCode = :region");
                p.and("region", f.region().value());
            }
        }
        if (f.indicator() != null) {
            clauses.add("indicatorCode = :indicator");
            p.and("indicator", f.indicator());
        }
        if (f.year() != null) {
            clauses.add("year = :year");
            p.and("year", f.year());
        }
        if (f.levels() != null && !f.levels().isEmpty()) {
            clauses.add("level in :levels");
            p.and("levels", f.levels());
        }
        if (f.kind() != null) {
            clauses.add("kind = :kind");
            p.and("kind", f.kind());
        }
        if (f.domain() != null) {
            clauses.add("indicatorCode in (select i.code from IndicatorEntity i where i.domain = :domain)");
            p.and("domain", f.domain());
        }
        Sort sort = Sort.by("regionCode").and("year").and("indicatorCode").and("level");
        return clauses.isEmpty() ? findAll(sort) : find(String.join(" and ", clauses), sort, p);
    }

    /** The reference targets (national, provincial, prefecture) beside the given local ones. */
    public List<TargetEntity> referencesOf(Collection<TargetEntity> locals) {
        if (locals.isEmpty()) {
            return List.of();
        }
        List<String> regions = locals.stream().map(t -> t.regionCode).distinct().toList();
        List<String> indicators = locals.stream().map(t -> t.indicatorCode).distinct().toList();
        List<Integer> years = locals.stream().map(t -> t.year).distinct().toList();
        return list("regionCode in ?1 and indicatorCode in ?2 and year in ?3 and level <> 'local'", regions, indicators, years);
    }
}
