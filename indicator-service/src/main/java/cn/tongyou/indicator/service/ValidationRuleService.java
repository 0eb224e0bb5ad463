package cn.tongyou.indicator.service;

import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.code.Coded;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.security.Caller;
import cn.tongyou.indicator.domain.quality.Expression;
import cn.tongyou.indicator.domain.quality.Importance;
import cn.tongyou.indicator.domain.quality.MissingValueStrategy;
import cn.tongyou.indicator.domain.quality.Operator;
import cn.tongyou.indicator.domain.quality.ValidationRule;
import cn.tongyou.indicator.store.ValidationRuleStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validation rules as data. They apply to every region's values, like the catalogue, so only a catalogue steward
 * (coordinator or admin acting nationwide) writes them; each write is audited (rules publish no event).
 */
@ApplicationScoped
public class ValidationRuleService {

    static final String AGGREGATE = "validation-rule";

    @Inject
    ValidationRuleStore store;

    @Inject
    IndicatorService indicators;

    @Inject
    QualityService quality;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    public record Outcome(ValidationRule rule, boolean created) {
    }

    public Page<ValidationRule> list(String indicator, PageParams page) {
        List<ValidationRule> items = store.list(indicator, page);
        long total = items.isEmpty() && page.page == 1 ? 0 : store.count(indicator);
        return Page.of(items, page, total);
    }

    public ValidationRule get(String code) {
        return store.find(code, false).filter(s -> !s.deleted()).map(ValidationRuleStore.Stored::rule)
                .orElseThrow(() -> notFound(code));
    }

    @Transactional
    public Outcome put(String code, RuleInput in, String ifMatch) {
        caller.requireCatalogueSteward();
        if (code == null || !code.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw ProblemException.invalidField("code", "indicator.quality.rule.code", code);
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String actor = caller.subject();
        ValidationRule proposed = check(code, in, now, actor);
        var existing = store.find(code, true);
        if (existing.isEmpty()) {
            store.insert(proposed);
            audit.recordChange(AGGREGATE, code, 1L, null, state(proposed), "created");
            return new Outcome(proposed, true);
        }
        if (existing.get().deleted()) {
            throw ProblemException.conflict("indicator.quality.rule.deleted-code", code);
        }
        ValidationRule current = existing.get().rule();
        if (sameContent(current, proposed)) {
            return new Outcome(current, false);
        }
        ETags.requireMatch(ifMatch, current.version(), "indicator.noun.the-rule");
        ValidationRule changed = new ValidationRule(code, proposed.name(), proposed.description(), proposed.left(), proposed.operator(),
                proposed.right(), proposed.importance(), proposed.blocking(), proposed.missingValues(), current.version() + 1,
                current.createdAt(), current.createdBy(), now, actor);
        store.update(changed);
        audit.recordChange(AGGREGATE, code, changed.version(), null, state(changed), "changed");
        return new Outcome(changed, false);
    }

    /** Soft delete: the row stays with who and when; its open findings are resolved (the check no longer exists). */
    @Transactional
    public void delete(String code, String ifMatch) {
        caller.requireCatalogueSteward();
        ValidationRule current = store.find(code, true).filter(s -> !s.deleted()).map(ValidationRuleStore.Stored::rule)
                .orElseThrow(() -> notFound(code));
        ETags.requireMatch(ifMatch, current.version(), "indicator.noun.the-rule");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        store.delete(code, current.version() + 1, caller.subject(), now);
        audit.recordChange(AGGREGATE, code, current.version() + 1, null, state(current), "deleted");
        quality.resolveRule(code, now);
    }

    private ValidationRule check(String code, RuleInput in, Instant now, String actor) {
        List<Issue> issues = new ArrayList<>();
        Map<String, Indicator> all = indicators.all();
        Expression left = expression("left", in.left(), all, issues);
        Expression right = expression("right", in.right(), all, issues);
        Operator operator = coded(Operator.class, "operator", "indicator.quality.noun.operator", in.operator(), issues);
        Importance importance = in.importance() == null ? Importance.MEDIUM
                : coded(Importance.class, "importance", "indicator.quality.noun.importance", in.importance(), issues);
        MissingValueStrategy missing = in.missingValues() == null ? MissingValueStrategy.SKIP_IF_ANY_MISSING
                : coded(MissingValueStrategy.class, "missingValues", "indicator.quality.noun.missing-values", in.missingValues(), issues);
        if (left != null && right != null && left.isConstant() && right.isConstant()) {
            issues.add(Issue.of("left", "indicator.quality.rule.no-value"));
        }
        ProblemException.throwIfAny(issues);
        return new ValidationRule(code, in.name().strip(), in.description() == null || in.description().isBlank() ? null : in.description().strip(),
                left, operator, right, importance, in.blocking(), missing, 1, now, actor, now, actor);
    }

    private static Expression expression(String field, String text, Map<String, Indicator> all, List<Issue> issues) {
        Expression e;
        try {
            e = Expression.parse(text);
        } catch (Expression.InvalidException ex) {
            issues.add(new Issue(field, Message.of(ex)));
            return null;
        }
        for (Expression.Ref ref : e.references()) {
            Indicator indicator = all.get(ref.indicator());
            if (indicator == null) {
                issues.add(Issue.of(field, "indicator.quality.rule.unknown-indicator", ref.indicator()));
            } else if (ref.part() != Expression.Part.VALUE && !indicator.reportedInParts()) {
                issues.add(Issue.of(field, "indicator.quality.rule.no-parts", ref.indicator(), ref.part().code()));
            }
        }
        return e;
    }

    private static <E extends Enum<E> & Coded> E coded(Class<E> type, String field, String what, String code, List<Issue> issues) {
        try {
            return Coded.of(type, what, code);
        } catch (IllegalArgumentException e) {
            issues.add(new Issue(field, Message.of(e)));
            return null;
        }
    }

    private static boolean sameContent(ValidationRule a, ValidationRule b) {
        return a.name().equals(b.name()) && Objects.equals(a.description(), b.description()) && a.left().text().equals(b.left().text())
                && a.operator() == b.operator() && a.right().text().equals(b.right().text()) && a.importance() == b.importance()
                && a.blocking() == b.blocking() && a.missingValues() == b.missingValues();
    }

    /** The audit record's after-state. */
    private static Map<String, Object> state(ValidationRule r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("code", r.code());
        m.put("name", r.name());
        m.put("rule", r.text());
        m.put("importance", r.importance().code());
        m.put("blocking", r.blocking());
        m.put("missingValues", r.missingValues().code());
        return m;
    }

    static ProblemException notFound(String code) {
        return ProblemException.notFound("indicator.quality.rule.not-found", code);
    }
}
