package cn.tongyou.indicator.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.bulk.ReportingTransaction;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.indicator.TargetRules;
import cn.tongyou.common.indicator.TargetSpec;
import cn.tongyou.indicator.domain.catalog.CatalogDocument;
import cn.tongyou.indicator.domain.catalog.CatalogMapper;
import cn.tongyou.indicator.domain.catalog.CatalogPlan;
import cn.tongyou.indicator.domain.catalog.CuratedIndicator;
import cn.tongyou.indicator.domain.catalog.IndicatorNames;
import cn.tongyou.indicator.events.IndicatorEvents;
import cn.tongyou.indicator.events.TargetEvents;
import cn.tongyou.indicator.store.DomainEntity;
import cn.tongyou.indicator.store.DomainStore;
import cn.tongyou.indicator.store.IndicatorEntity;
import cn.tongyou.indicator.store.IndicatorStore;
import cn.tongyou.indicator.store.TargetEntity;
import cn.tongyou.indicator.store.TargetStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.security.Caller;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The catalogue loader, a product feature (POST /api/v1/catalog/import): one plan of ../shared/catalog at a time,
 * mapped by {@link CatalogMapper}, written in one transaction with its events. Re-importing the same document changes
 * nothing and publishes nothing; a second plan naming an indicator already known adds itself as a further source.
 */
@ApplicationScoped
public class CatalogImportService {

    static final int MAX_LISTED = 500;

    @Inject
    IndicatorStore indicators;

    @Inject
    DomainStore domains;

    @Inject
    TargetStore targets;

    @Inject
    OutboxWriter outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    List<CuratedIndicator> curated;

    @PostConstruct
    void load() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("catalog/curated-indicators.json")) {
            curated = CuratedIndicator.listFrom(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document and the region it is about (checked, but not yet authorised). */
    public record Parsed(CatalogDocument document, RegionCode region) {
    }

    public Parsed parse(JsonNode body, String regionOverride) {
        CatalogDocument doc;
        try {
            doc = CatalogDocument.from(body);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(Message.of(e));
        }
        String code = regionOverride != null && !regionOverride.isBlank() ? regionOverride : doc.region().divisionCode();
        if (code == null) {
            throw ProblemException.invalidField("region", "indicator.catalogue.no-division-code", doc.region().name());
        }
        return new Parsed(doc, RequestParameters.region(regionOverride != null ? "region" : "region.division_code", code));
    }

    public CatalogImportReport importDocument(Parsed parsed, boolean dryRun, String actor) {
        long started = System.nanoTime();
        CatalogPlan plan = CatalogMapper.map(parsed.document(), curated);
        // a region's import adds its targets; only a catalogue steward's import changes how shared indicators are matched
        boolean steward = caller.actsForCoordinator() && caller.scope().isNationwide();
        Run run = ReportingTransaction.call(() -> {
            Run r = new Run(parsed, plan, actor, steward);
            r.execute();
            return r;
        }, r -> !dryRun);
        return run.report(dryRun, (System.nanoTime() - started) / 1_000_000);
    }

    private final class Run {
        final Parsed parsed;
        final CatalogPlan plan;
        final String actor;
        final boolean steward;
        final Instant now = Instant.now();
        final List<CatalogImportReport.ProposedAlias> proposed = new ArrayList<>();
        final List<DomainEvent> events = new ArrayList<>();
        final List<CatalogPlan.Skip> skipped = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final Map<String, Integer> targetsBySource = new TreeMap<>();
        final Map<String, String> targetIds = new HashMap<>();
        int domainsCreated;
        int domainsUnchanged;
        int[] indicatorCounts = new int[3];
        int[] targetCounts = new int[3];
        int[] referenceCounts = new int[3];

        Run(Parsed parsed, CatalogPlan plan, String actor, boolean steward) {
            this.parsed = parsed;
            this.plan = plan;
            this.actor = actor;
            this.steward = steward;
            skipped.addAll(plan.skipped());
            warnings.addAll(plan.warnings());
        }

        private void noteProposals() {
            if (!proposed.isEmpty()) {
                warnings.add(proposed.size() + " new spelling(s) of shared indicators are proposed, not applied (proposedAliases): "
                        + "aliases change the national catalogue, so a catalogue steward (coordinator or admin with a nationwide "
                        + "token) applies them with PUT /api/v1/indicators/{code} or by importing this document");
            }
        }

        void execute() {
            // one import at a time: two concurrent imports of plans naming the same indicator would both create it
            indicators.lockCatalogImports();
            importDomains();
            Map<String, IndicatorEntity> ofDraft = importIndicators();
            importTargets(ofDraft);
            noteProposals();
            outbox.appendAll(events);
        }

        private void importDomains() {
            for (CatalogPlan.DomainDraft d : plan.domains()) {
                if (domains.findByIdOptional(d.name()).isPresent()) {
                    domainsUnchanged++;
                    continue;
                }
                DomainEntity e = new DomainEntity();
                e.name = d.name();
                e.nameEn = d.nameEn();
                e.framework = d.framework();
                e.ordinal = d.ordinal();
                e.createdAt = now;
                e.updatedAt = now;
                e.version = 1;
                e.createdBy = actor;
                e.updatedBy = actor;
                domains.persist(e);
                audit.recordChange("domain", e.name, e.version, null, java.util.Map.of("name", e.name, "framework", e.framework,
                        "ordinal", e.ordinal), "created by the import of " + parsed.document().document());
                domainsCreated++;
            }
            domains.flush();
        }

        /** Creates the indicators the catalogue lacks and merges the others; answers the stored indicator of each draft, by match key. */
        private Map<String, IndicatorEntity> importIndicators() {
            Map<String, IndicatorEntity> byKey = new HashMap<>();
            Map<String, IndicatorEntity> byCode = new HashMap<>();
            for (IndicatorEntity e : indicators.listAll()) {
                byCode.put(e.code, e);
                byKey.put(e.matchKey, e);
                for (String alias : e.aliases) {
                    byKey.putIfAbsent(IndicatorNames.matchKey(alias), e);
                }
            }
            Map<String, IndicatorEntity> ofDraft = new HashMap<>();
            Set<IndicatorEntity> changed = new LinkedHashSet<>();
            for (CatalogPlan.IndicatorDraft draft : plan.indicators()) {
                IndicatorEntity existing = null;
                for (String key : draft.keys) {
                    existing = byKey.get(key);
                    if (existing != null) {
                        break;
                    }
                }
                if (existing == null && draft.curated) {
                    existing = byCode.get(draft.code);
                }
                if (existing == null) {
                    IndicatorEntity e = create(draft, byCode);
                    byCode.put(e.code, e);
                    draft.keys.forEach(k -> byKey.putIfAbsent(k, e));
                    ofDraft.put(draft.matchKey, e);
                    indicatorCounts[0]++;
                    changed.add(e);
                } else {
                    ofDraft.put(draft.matchKey, existing);
                    if (merge(existing, draft)) {
                        indicatorCounts[1]++;
                        changed.add(existing);
                    } else {
                        indicatorCounts[2]++;
                    }
                }
            }
            indicators.flush();
            for (IndicatorEntity e : changed) {
                events.add(IndicatorEvents.changed(e));
            }
            return ofDraft;
        }

        private void importTargets(Map<String, IndicatorEntity> ofDraft) {
            Map<String, Indicator> rules = new HashMap<>();
            Map<String, String> draftCodes = new HashMap<>();
            plan.indicators().forEach(d -> draftCodes.put(d.matchKey, d.code));
            String region = parsed.region().value();
            for (CatalogPlan.TargetDraft t : plan.targets()) {
                IndicatorEntity ind = ofDraft.get(t.indicatorKey());
                Indicator indicator = rules.computeIfAbsent(ind.code, c -> ind.toIndicator());
                List<Issue> issues = TargetRules.validate(t.spec(), t.year(), indicator);
                if (!issues.isEmpty()) {
                    skipped.add(new CatalogPlan.Skip(t.sourceKind(), t.sourceNumber(), t.text(), "not a valid target for "
                            + ind.code + " as catalogued (" + indicator.valueType().code() + "): " + issues.get(0).field()
                            + " " + issues.get(0).message()));
                    continue;
                }
                int[] counts = t.level().isReference() ? referenceCounts : targetCounts;
                String placeKey = draftCodes.get(t.indicatorKey()) + "|" + t.year() + "|" + t.level().code();
                targetsBySource.merge(t.sourceKind(), 1, Integer::sum);
                TargetEntity e = targets.findKey(ind.code, region, t.year(), t.level().code(), true).orElse(null);
                if (e == null) {
                    e = new TargetEntity();
                    e.id = UUID.randomUUID();
                    e.indicatorCode = ind.code;
                    e.regionCode = region;
                    e.year = t.year();
                    e.level = t.level().code();
                    apply(e, t);
                    e.version = 1;
                    e.createdAt = now;
                    e.updatedAt = now;
                    e.updatedBy = actor;
                    targets.persist(e);
                    counts[0]++;
                    targetIds.put(placeKey, e.id.toString());
                    events.add(TargetEvents.changed(e));
                } else if (!same(e, t)) {
                    targetIds.put(placeKey, e.id.toString());
                    apply(e, t);
                    e.version++;
                    e.updatedAt = now;
                    e.updatedBy = actor;
                    counts[1]++;
                    events.add(TargetEvents.changed(e));
                } else {
                    counts[2]++;
                    targetIds.put(placeKey, e.id.toString());
                }
            }
            targets.flush();
        }

        private IndicatorEntity create(CatalogPlan.IndicatorDraft d, Map<String, IndicatorEntity> byCode) {
            IndicatorEntity e = new IndicatorEntity();
            String code = d.code;
            if (byCode.containsKey(code)) {
                code = code.length() > 56 ? code.substring(0, 56) : code;
                code = code + "-" + IndicatorNames.hash(d.matchKey, 4);
                warnings.add("code " + d.code + " is taken by another indicator; " + d.name + " is " + code);
            }
            e.code = code;
            e.name = d.name;
            e.nameEn = d.nameEn;
            e.matchKey = d.matchKey;
            e.aliases = d.aliases.toArray(String[]::new);
            e.domain = d.domain;
            e.unit = d.unit;
            e.valueType = d.valueType.code();
            e.direction = d.direction.code();
            e.precision = (short) d.precision;
            e.departments = d.departments.toArray(String[]::new);
            e.obtained = d.obtained.code();
            if (d.computation != null) {
                e.scale = d.computation.scale();
                e.numeratorLabel = d.computation.numeratorLabel();
                e.denominatorLabel = d.computation.denominatorLabel();
            }
            if (d.derivation != null) {
                e.facilityType = d.derivation.facilityType();
                e.measure = d.derivation.measure().code();
                e.scopeLevel = d.derivation.level() == null ? null : d.derivation.level().code();
                e.area = d.derivation.area();
                e.hostBased = d.derivation.hostBased();
                e.openedSince = d.derivation.openedSince();
                e.certifiedAtLeast = d.derivation.certifiedAtLeast();
                e.nameContains = d.derivation.nameContains();
                e.standard = d.derivation.standard();
            }
            e.bounded = d.bounded;
            e.periodTypes = d.periodTypes.stream().map(p -> p.code()).sorted(java.util.Comparator.reverseOrder()).toArray(String[]::new);
            e.sources = json(d.sources);
            e.version = 1;
            e.createdAt = now;
            e.updatedAt = now;
            e.updatedBy = actor;
            indicators.persist(e);
            return e;
        }

        /** Adds the document's sources, departments and spellings; true when something was new. */
        private boolean merge(IndicatorEntity e, CatalogPlan.IndicatorDraft d) {
            boolean changed = false;
            List<CatalogPlan.SourceRef> sources = new ArrayList<>(readSources(e.sources));
            for (CatalogPlan.SourceRef s : d.sources) {
                if (!sources.contains(s)) {
                    sources.add(s);
                    changed = true;
                }
            }
            LinkedHashSet<String> departments = new LinkedHashSet<>(Arrays.asList(e.departments));
            changed |= departments.addAll(d.departments);
            LinkedHashSet<String> aliases = new LinkedHashSet<>(Arrays.asList(e.aliases));
            LinkedHashSet<String> spellings = new LinkedHashSet<>();
            for (String a : d.aliases) {
                if (!a.equals(e.name)) {
                    spellings.add(a);
                }
            }
            if (!d.name.equals(e.name)) {
                spellings.add(d.name);
            }
            for (String a : spellings) {
                if (aliases.contains(a)) {
                    continue;
                }
                if (steward) {
                    changed |= aliases.add(a);
                } else if (proposed.stream().noneMatch(p -> p.indicator().equals(e.code) && p.alias().equals(a))) {
                    // aliases change how every region's plans are matched: a region's import proposes them only
                    proposed.add(new CatalogImportReport.ProposedAlias(e.code, e.name, a));
                }
            }
            if (changed) {
                e.sources = json(sources);
                e.departments = departments.toArray(String[]::new);
                e.aliases = aliases.toArray(String[]::new);
                e.version++;
                e.updatedAt = now;
                e.updatedBy = actor;
            }
            return changed;
        }

        private void apply(TargetEntity e, CatalogPlan.TargetDraft t) {
            TargetSpec s = t.spec();
            e.kind = s.kind().code();
            e.value = s.value();
            e.valueMax = s.valueMax();
            e.boolValue = s.boolValue();
            e.baselineYear = s.baselineYear();
            e.reference = s.effectiveReference() == null ? null : s.effectiveReference().code();
            e.text = t.text();
            e.note = t.note();
            e.responsibleUnits = t.responsibleUnits().toArray(String[]::new);
            e.sourceDocument = parsed.document().document();
            e.sourceKind = t.sourceKind();
            e.sourceNumber = t.sourceNumber();
            e.sourceQuote = t.quote();
            e.yearInferred = t.yearInferred();
        }

        private boolean same(TargetEntity e, CatalogPlan.TargetDraft t) {
            return TargetService.spec(e).sameAs(t.spec()) && Objects.equals(e.text, t.text()) && Objects.equals(e.note, t.note())
                    && Arrays.equals(e.responsibleUnits, t.responsibleUnits().toArray(String[]::new))
                    && Objects.equals(e.sourceDocument, parsed.document().document()) && Objects.equals(e.sourceKind, t.sourceKind())
                    && Objects.equals(e.sourceNumber, t.sourceNumber()) && Objects.equals(e.sourceQuote, t.quote())
                    && e.yearInferred == t.yearInferred();
        }

        CatalogImportReport report(boolean dryRun, long durationMs) {
            CatalogDocument doc = parsed.document();
            Map<String, Integer> read = new LinkedHashMap<>();
            read.put("indicatorTable", doc.indicators().size());
            read.put("milestones", doc.tasks().stream().mapToInt(t -> t.milestones().size()).sum());
            read.put("facilityTargets", doc.facilityTargets().size());
            Map<String, Integer> skippedBySource = new TreeMap<>();
            skipped.forEach(s -> skippedBySource.merge(s.sourceKind(), 1, Integer::sum));
            return new CatalogImportReport(doc.document(), doc.source(), parsed.region().value(), dryRun, !dryRun, read,
                    new CatalogImportReport.Counts(domainsCreated, 0, domainsUnchanged),
                    counts(indicatorCounts), counts(targetCounts), counts(referenceCounts), targetsBySource, skippedBySource,
                    skipped.stream().limit(MAX_LISTED).map(s -> new CatalogImportReport.Skipped(s.sourceKind(), s.number(), s.what(), s.reason())).toList(),
                    steward, proposed.stream().limit(MAX_LISTED).toList(), List.copyOf(warnings), facilityTargets(), homes(), durationMs);
        }

        private Map<String, Map<String, Integer>> facilityTargets() {
            Map<String, Map<String, Integer>> byKind = new TreeMap<>();
            for (CatalogPlan.ItemHome h : plan.homes()) {
                if (h.item().equals("facility-target")) {
                    Map<String, Integer> row = byKind.computeIfAbsent(String.valueOf(h.facilityKind()), k -> {
                        Map<String, Integer> m = new LinkedHashMap<>();
                        m.put("measured", 0);
                        m.put("assessed", 0);
                        m.put("unhomed", 0);
                        return m;
                    });
                    row.merge(h.status(), 1, Integer::sum);
                }
            }
            return byKind;
        }

        private List<CatalogImportReport.ItemHome> homes() {
            List<CatalogImportReport.ItemHome> list = new ArrayList<>();
            for (CatalogPlan.ItemHome h : plan.homes()) {
                List<CatalogImportReport.Place> places = h.places().stream().map(p -> new CatalogImportReport.Place(p.kind(),
                        p.indicatorCode() == null ? null : targetIds.get(p.indicatorCode() + "|" + p.year() + "|" + p.level()),
                        p.indicatorCode(), p.year(), p.level(), p.assessed(), p.note())).toList();
                list.add(new CatalogImportReport.ItemHome(h.item(), h.number(), h.what(), h.facilityType(), h.facilityKind(), h.status(),
                        places, h.reasons()));
            }
            return list;
        }

        private CatalogImportReport.Counts counts(int[] c) {
            return new CatalogImportReport.Counts(c[0], c[1], c[2]);
        }
    }

    private String json(List<CatalogPlan.SourceRef> sources) {
        try {
            return mapper.writeValueAsString(sources);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<CatalogPlan.SourceRef> readSources(String json) {
        try {
            return Arrays.asList(mapper.readValue(json, CatalogPlan.SourceRef[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored sources are not JSON", e);
        }
    }
}
