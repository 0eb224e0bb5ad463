package cn.tongyou.task.service;

import cn.tongyou.task.domain.UnitKind;
import cn.tongyou.task.domain.UnitNames;
import cn.tongyou.task.store.UnitAliasEntity;
import cn.tongyou.task.store.UnitEntity;
import cn.tongyou.task.store.UnitStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The units of a region and their spellings. Names are resolved through {@link UnitNames}: a spelling whose key is
 * known names that unit (and is remembered as an alias if it is new), an unknown key registers a new unit. Changes
 * to a region's units happen under a per-region advisory lock, so two imports never register one department twice.
 */
@ApplicationScoped
public class UnitDirectory {

    @Inject
    UnitStore store;

    /** Serialises unit changes of one region until the transaction ends. */
    public void lockRegion(String regionCode) {
        store.lockRegion(regionCode);
    }

    /** A resolver over the region's units, for one transaction; call {@link #lockRegion} first when it may create. */
    public Resolver resolver(String regionCode, String regionName, String subject, Instant now) {
        return new Resolver(regionCode, regionName, subject, now);
    }

    /** Resolves spellings to units of one region, registering what is new. */
    public final class Resolver {
        private final String regionCode;
        private final UnitNames names;
        private final String subject;
        private final Instant now;
        private final Map<String, UUID> byKey = new HashMap<>();
        private final Set<String> written = new HashSet<>();
        private final Map<UUID, UnitEntity> units = new HashMap<>();
        private final Set<UUID> created = new LinkedHashSet<>();
        private final Set<UUID> respelled = new LinkedHashSet<>();
        private int aliasesAdded;

        private Resolver(String regionCode, String regionName, String subject, Instant now) {
            this.regionCode = regionCode;
            this.names = UnitNames.forRegion(regionCode, regionName);
            this.subject = subject;
            this.now = now;
            for (UnitEntity u : store.ofRegion(regionCode)) {
                units.put(u.id, u);
            }
            for (UnitAliasEntity a : store.aliasesOfRegion(regionCode)) {
                written.add(a.writtenName);
                // a key stored under another normaliser version still finds its unit through the current key
                byKey.putIfAbsent(names.key(a.writtenName), a.unitId);
            }
        }

        public UnitNames names() {
            return names;
        }

        /** The unit a spelling names, registering the unit or the spelling when new. */
        public UnitEntity resolve(String writtenName) {
            String clean = UnitNames.clean(writtenName);
            String key = names.key(clean);
            UUID id = byKey.get(key);
            UnitEntity unit;
            if (id == null) {
                unit = new UnitEntity();
                unit.id = UUID.randomUUID();
                unit.regionCode = regionCode;
                unit.name = clean;
                unit.kind = UnitKind.of(clean).code();
                unit.version = 1;
                unit.createdAt = now;
                unit.updatedAt = now;
                unit.updatedBy = subject;
                store.persist(unit);
                units.put(unit.id, unit);
                byKey.put(key, unit.id);
                created.add(unit.id);
            } else {
                unit = units.get(id);
            }
            if (written.add(clean)) {
                UnitAliasEntity alias = new UnitAliasEntity();
                alias.regionCode = regionCode;
                alias.writtenName = clean;
                alias.nameKey = key;
                alias.unitId = unit.id;
                store.persistAlias(alias);
                if (!created.contains(unit.id)) {
                    aliasesAdded++;
                    if (respelled.add(unit.id)) {
                        unit.version++;
                        unit.updatedAt = now;
                        unit.updatedBy = subject;
                    }
                }
            }
            return unit;
        }

        /** The unit a spelling names, without registering anything. */
        public Optional<UnitEntity> find(String writtenName) {
            UUID id = byKey.get(names.key(UnitNames.clean(writtenName)));
            return Optional.ofNullable(id == null ? null : units.get(id));
        }

        public Optional<UnitEntity> byId(UUID id) {
            return Optional.ofNullable(units.get(id));
        }

        /** Units registered by this resolver. */
        public List<UnitEntity> created() {
            return created.stream().map(units::get).toList();
        }

        /** Known units that got a new spelling (their version went up once). */
        public List<UnitEntity> respelled() {
            return respelled.stream().map(units::get).toList();
        }

        public int aliasesAdded() {
            return aliasesAdded;
        }
    }
}
