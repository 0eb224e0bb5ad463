package cn.tongyou.common.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The package rule itself: a service of the right shape passes, and each way of breaking it is caught. */
class ServiceShapeTest {

    private static final String FIXTURES = "cn.tongyou.common.architecture.fixture.";

    @Test
    void aServiceOfTheRightShapePassesEveryRule() {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + "good");
        for (ArchRule rule : ServiceShape.rules(FIXTURES + "good")) {
            assertThatCode(() -> rule.check(classes)).as(rule.getDescription()).doesNotThrowAnyException();
        }
    }

    @Test
    void everyRuleCatchesItsBreach() {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + "bad");
        List<String> broken = ServiceShape.rules(FIXTURES + "bad").stream()
                .filter(rule -> rule.evaluate(classes).hasViolation())
                .map(ArchRule::getDescription)
                .toList();
        assertThat(broken).containsExactlyInAnyOrder(
                "domain is plain Java: no framework, persistence or transport import",
                "domain depends on nothing else of its service",
                "a resource never touches a store or the outbox: it calls a service, even to read",
                "services know nothing of the HTTP API",
                "a store only persists: it calls no api, service or events code",
                "events (outbox payloads or consumers) know nothing of the HTTP API",
                "entities are read and written through their store, never as active records",
                "one name per persistence role: …Store, …Entity (or a …Row it reads)",
                "no cycles between the packages of a service");
    }
}
