package cn.tongyou.task.service;

import cn.tongyou.common.http.ETags;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Caller;
import cn.tongyou.task.domain.PlanStatus;
import cn.tongyou.task.events.EventData;
import cn.tongyou.task.store.PlanEntity;
import cn.tongyou.task.store.PlanStore;
import cn.tongyou.task.store.TaskStore;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Reads and edits plans; creation and import go through {@link PlanImportService}. */
@ApplicationScoped
public class PlanService {

    @Inject
    TaskStore taskStore;

    @Inject
    PlanStore plans;

    @Inject
    Views views;

    @Inject
    Caller caller;

    @Inject
    OutboxWriter outbox;

    @Inject
    Json json;


    public PlanView get(UUID id) {
        PlanEntity plan = require(id);
        long[] size = taskStore.planSizes(List.of(id)).getOrDefault(id, new long[2]);
        return views.plan(plan, size[0], size[1]);
    }

    public Page<PlanView> list(String region, String status, PageParams page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (region != null && !region.isBlank()) {
            where.append(" and regionCode like :region");
            params.and("region", RequestParameters.region("region", region).subtreePattern());
        }
        if (status != null && !status.isBlank()) {
            PlanStatus s = PlanStatus.find(status).orElseThrow(() -> ProblemException.invalidField("status",
                    "task.plan.status-unknown", status, String.join(", ", PlanStatus.codes())));
            where.append(" and status = :status");
            params.and("status", s.code());
        }
        var query = plans.find(where.toString(), Sort.by("regionCode").and("title").and("id"), params);
        List<PlanEntity> plans = query.page(page.page - 1, page.size).list();
        Map<UUID, long[]> sizes = taskStore.planSizes(plans.stream().map(p -> p.id).toList());
        List<PlanView> items = new ArrayList<>();
        for (PlanEntity p : plans) {
            long[] size = sizes.getOrDefault(p.id, new long[2]);
            items.add(views.plan(p, size[0], size[1]));
        }
        return Page.of(items, page, query.count());
    }

    @Transactional
    public PlanView update(UUID id, String ifMatch, PlanUpdate in) {
        ETags.versions(ifMatch);
        PlanEntity plan = plans.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> notFound(id));
        caller.requireWrite(plan.regionCode);
        ETags.requireMatch(ifMatch, plan.version, "task.noun.the-plan");
        PlanStatus next = PlanStatus.find(in.status()).orElseThrow(() -> ProblemException.invalidField("status",
                "task.plan.status-unknown", in.status(), String.join(", ", PlanStatus.codes())));
        for (int i = 0; i < in.horizonYears().size(); i++) {
            int year = in.horizonYears().get(i);
            if (year < 1949 || year > 2100) {
                throw ProblemException.invalidField("horizonYears[" + i + "]", "task.field.year");
            }
        }
        RuleConflicts.asConflict(() -> PlanStatus.find(plan.status).orElseThrow().requireTransitionTo(next));
        List<String> domains = in.domains().stream().map(String::strip).toList();
        String number = Inputs.blankToNull(in.documentNumber());
        boolean same = plan.title.equals(in.title().strip()) && plan.kind.equals(in.kind())
                && Objects.equals(plan.documentNumber, number) && Objects.equals(plan.issuedOn, in.issuedOn())
                && plan.status.equals(next.code()) && json.integers(plan.horizonYears).equals(in.horizonYears())
                && json.strings(plan.domains).equals(domains);
        if (!same) {
            plan.title = in.title().strip();
            plan.kind = in.kind();
            plan.documentNumber = number;
            plan.issuedOn = in.issuedOn();
            plan.status = next.code();
            plan.horizonYears = json.write(in.horizonYears());
            plan.domains = json.write(domains);
            plan.version++;
            plan.updatedAt = Instant.now();
            plan.updatedBy = caller.subject();
            plans.flush();
            outbox.append(EventData.plan(plan, in.horizonYears(), domains));
        }
        long[] size = taskStore.planSizes(List.of(id)).getOrDefault(id, new long[2]);
        return views.plan(plan, size[0], size[1]);
    }

    public PlanEntity require(UUID id) {
        return plans.findByIdOptional(id).orElseThrow(() -> notFound(id));
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("task.plan.not-found", id);
    }
}
