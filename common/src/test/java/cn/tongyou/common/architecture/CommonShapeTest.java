package cn.tongyou.common.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rules that producer and consumer services share must stay plain Java, like a service's own domain. */
class CommonShapeTest {

    @Test
    void sharedRulesImportNoFramework() {
        JavaClasses classes = ServiceShape.classesOf("cn.tongyou.common");
        noClasses().that().resideInAnyPackage("cn.tongyou.common.indicator..", "cn.tongyou.common.schedule..",
                        "cn.tongyou.common.coverage..", "cn.tongyou.common.region..", "cn.tongyou.common.period..")
                .should().dependOnClassesThat().resideInAnyPackage(ServiceShape.FRAMEWORKS)
                .check(classes);
    }

    /** cfc.schedule.today moves the Clock bean's date; a token's age must still be judged by the real time. */
    @Test
    void tokenChecksKeepTheRealClock() {
        noClasses().that().resideInAPackage("cn.tongyou.common.security..")
                .should().dependOnClassesThat().areAssignableTo(java.time.Clock.class)
                .check(ServiceShape.classesOf("cn.tongyou.common.security"));
    }

    @Test
    void disciplineRulesImportNoFramework() {
        JavaClasses classes = ServiceShape.classesOf("cn.tongyou.common.discipline");
        noClasses().that().haveSimpleName("PeriodLocks").or().haveSimpleName("ApprovalLevels")
                .or().haveNameMatching("cn\\.tongyou\\.common\\.discipline\\.LockExceptionRules.*")
                .should().dependOnClassesThat().resideInAnyPackage(ServiceShape.FRAMEWORKS)
                .check(classes);
    }
}
