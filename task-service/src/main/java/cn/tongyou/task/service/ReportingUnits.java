package cn.tongyou.task.service;

import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.security.Caller;
import cn.tongyou.task.store.PlanEntity;
import cn.tongyou.task.store.TaskEntity;
import cn.tongyou.task.store.TaskStore;
import cn.tongyou.task.store.TaskUnitRow;
import cn.tongyou.task.store.UnitEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who a progress report is filed for: a reporter files only for its own unit (the token's unit claim), a coordinator
 * names the unit; either way a unit of the task's region and, when the task names units, one of them.
 */
@ApplicationScoped
public class ReportingUnits {

    @Inject
    Caller caller;

    @Inject
    UnitDirectory directory;

    @Inject
    TaskStore tasks;


    /** The unit a report is filed for: a reporter's own (token claim), or the one a coordinator names. */
    UnitEntity of(TaskEntity task, PlanEntity plan, String named) {
        UnitDirectory.Resolver resolver = directory.resolver(task.regionCode, plan.regionName, caller.subject(), Instant.now());
        List<TaskUnitRow> taskUnits = tasks.units(List.of(task.id));
        if (!caller.actsForCoordinator()) {
            UnitEntity own = requireOwn(task, plan, null);
            if (named != null && !named.isBlank()) {
                Optional<UnitEntity> given = find(resolver, named);
                if (given.isEmpty() || !given.get().id.equals(own.id)) {
                    throw ProblemException.forbidden("task.report.own-unit-only", own.name, named.strip());
                }
            }
            return own;
        }
        if (named == null || named.isBlank()) {
            throw ProblemException.invalidField("unit", "task.report.unit-required");
        }
        UnitEntity unit = find(resolver, named).orElseThrow(() -> ProblemException.invalidField("unit",
                "task.report.unit-unknown", named.strip(), task.regionCode));
        if (!taskUnits.isEmpty() && taskUnits.stream().noneMatch(u -> u.unitId().equals(unit.id))) {
            throw ProblemException.invalidField("unit", "task.report.unit-not-on-task", unit.name,
                    taskUnits.stream().map(TaskUnitRow::unitName).distinct().collect(Collectors.joining(", ")));
        }
        return unit;
    }

    /**
     * The reporter's unit, which must be a unit of the task's region and, when the task names units, one of them.
     *
     * @param expected when not null, the unit the report belongs to (a correction): the reporter must be it
     */
    UnitEntity requireOwn(TaskEntity task, PlanEntity plan, UnitEntity expected) {
        String claim = caller.requireUnit();
        UnitDirectory.Resolver resolver = directory.resolver(task.regionCode, plan.regionName, caller.subject(), Instant.now());
        UnitEntity own = resolver.find(claim).orElseThrow(() -> ProblemException.forbidden("task.report.claim-unknown", claim,
                task.regionCode));
        if (expected != null) {
            if (!expected.id.equals(own.id)) {
                throw ProblemException.forbidden("task.report.other-unit", expected.name);
            }
            return own;
        }
        List<TaskUnitRow> taskUnits = tasks.units(List.of(task.id));
        if (!taskUnits.isEmpty() && taskUnits.stream().noneMatch(u -> u.unitId().equals(own.id))) {
            throw ProblemException.forbidden("task.report.own-not-on-task", own.name);
        }
        return own;
    }

    private static Optional<UnitEntity> find(UnitDirectory.Resolver resolver, String named) {
        try {
            return resolver.byId(UUID.fromString(named.strip()));
        } catch (IllegalArgumentException notAnId) {
            return resolver.find(named);
        }
    }
}
