package cn.tongyou.common.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rule every service follows (docs/design.md §10), as ArchUnit rules a service's own test
 * checks against its production classes: {@code api → service → domain}, with {@code store} and {@code events} below
 * the services. Kept here once so that the four services cannot drift apart again.
 */
public final class ServiceShape {

    /** What a rule in {@code domain} must not know: frameworks, persistence and transport. Libraries such as Jackson's tree model stay allowed. */
    static final String[] FRAMEWORKS = {
            "io.quarkus..", "jakarta..", "javax..", "org.hibernate..", "io.smallrye..", "org.eclipse.microprofile..",
            "io.vertx..", "java.sql..", "org.jboss..", "io.agroal..", "org.apache.kafka..", "org.flywaydb..",
            "io.micrometer..", "org.postgresql.."};

    private static final String PANACHE_ENTITY = "io.quarkus.hibernate.orm.panache.PanacheEntityBase";
    private static final Set<String> ACTIVE_RECORD_METHODS = Set.of("persist", "persistAndFlush", "delete",
            "isPersistent", "findById", "findByIdOptional", "find", "findAll", "list", "listAll", "stream", "streamAll",
            "count", "deleteAll", "deleteById", "update", "flush", "getEntityManager", "getSession");

    /** Entities extend Panache's active-record base for its field access; reading and writing them is a store's job. */
    static final DescribedPredicate<JavaMethodCall> ACTIVE_RECORD_CALL =
            DescribedPredicate.describe("an active-record method of an entity", call ->
                    call.getTargetOwner().isAssignableTo(PANACHE_ENTITY)
                            && ACTIVE_RECORD_METHODS.contains(call.getName()));

    private ServiceShape() {
    }

    /** The production classes of one service, e.g. {@code cn.tongyou.facility}. */
    public static JavaClasses classesOf(String servicePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(servicePackage);
    }

    /** Every rule for one service; each is checked on its own so a failure names the rule it breaks. */
    public static List<ArchRule> rules(String servicePackage) {
        String api = servicePackage + ".api..";
        String service = servicePackage + ".service..";
        String domain = servicePackage + ".domain..";
        String store = servicePackage + ".store..";
        String events = servicePackage + ".events..";
        return List.of(
                noClasses().that().resideInAPackage(domain)
                        .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                        .as("domain is plain Java: no framework, persistence or transport import"),
                noClasses().that().resideInAPackage(domain)
                        .should().dependOnClassesThat().resideInAnyPackage(api, service, store, events)
                        .as("domain depends on nothing else of its service"),
                noClasses().that().resideInAPackage(api)
                        .should().dependOnClassesThat().resideInAnyPackage(store, events)
                        .as("a resource never touches a store or the outbox: it calls a service, even to read"),
                noClasses().that().resideInAPackage(service)
                        .should().dependOnClassesThat().resideInAPackage(api)
                        .as("services know nothing of the HTTP API"),
                noClasses().that().resideInAnyPackage(store)
                        .should().dependOnClassesThat().resideInAnyPackage(api, service, events)
                        .as("a store only persists: it calls no api, service or events code"),
                noClasses().that().resideInAnyPackage(events)
                        .should().dependOnClassesThat().resideInAnyPackage(api)
                        .as("events (outbox payloads or consumers) know nothing of the HTTP API"),
                noClasses().that().resideInAPackage(servicePackage + "..").and().resideOutsideOfPackage(store)
                        .should().callMethodWhere(ACTIVE_RECORD_CALL)
                        .as("entities are read and written through their store, never as active records"),
                classes().that().resideInAPackage(store).and().areTopLevelClasses()
                        .should().haveSimpleNameEndingWith("Store").orShould().haveSimpleNameEndingWith("Entity")
                        .orShould().haveSimpleNameEndingWith("Row")
                        .as("one name per persistence role: …Store, …Entity (or a …Row it reads)"),
                slices().matching(servicePackage + ".(*)..").should().beFreeOfCycles()
                        .as("no cycles between the packages of a service"));
    }

    /** Checks every rule and reports all broken ones at once. */
    public static void check(String servicePackage) {
        JavaClasses classes = classesOf(servicePackage);
        AssertionError failures = null;
        for (ArchRule rule : rules(servicePackage)) {
            try {
                rule.check(classes);
            } catch (AssertionError broken) {
                if (failures == null) {
                    failures = new AssertionError("the service's package shape is broken");
                }
                failures.addSuppressed(broken);
            }
        }
        if (failures != null) {
            throw failures;
        }
    }
}
