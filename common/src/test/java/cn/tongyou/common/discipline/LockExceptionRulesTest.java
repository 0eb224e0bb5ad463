package cn.tongyou.common.discipline;

import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may grant or revoke a period lock exception, what a grant must say, and which writes it lets through. */
class LockExceptionRulesTest {

    private static final Instant NOW = Instant.parse("2026-09-01T02:00:00Z");
    private static final LockExceptionRules.Grantor ZHENGZHOU_COORDINATOR =
            new LockExceptionRules.Grantor(true, false, RegionCode.parse("4101"));
    private static final LockExceptionRules.Grantor XINGYANG_COORDINATOR =
            new LockExceptionRules.Grantor(true, false, RegionCode.parse("410182"));
    private static final LockExceptionRules.Grantor NATIONWIDE_ADMIN = new LockExceptionRules.Grantor(true, true, null);
    private static final Instant IN_A_WEEK = NOW.plus(Duration.ofDays(7));

    @Test
    void aCityCoordinatorGrantsForItsCounty() {
        LockExceptionRules.Grant grant = LockExceptionRules.grant(ZHENGZHOU_COORDINATOR, "410182", "2026h1", " ",
                IN_A_WEEK, "  补录儿童之家数量  ", NOW);
        assertThat(grant.region()).isEqualTo(RegionCode.parse("410182000000"));
        assertThat(grant.period()).isEqualTo(Period.parse("2026H1"));
        assertThat(grant.dataSet()).as("blank: every data set").isNull();
        assertThat(grant.validUntil()).isEqualTo(IN_A_WEEK);
        assertThat(grant.reason()).isEqualTo("补录儿童之家数量");
    }

    @Test
    void onlyAStrictlyHigherLevelGrants() {
        // the county itself may not let its own writes through
        assertForbidden(() -> grant(XINGYANG_COORDINATOR, "410182"), "410182000000");
        // but it is above its townships
        assertThat(grant(XINGYANG_COORDINATOR, "410182101").region()).isEqualTo(RegionCode.parse("410182101"));
        // another province is outside the city's region
        assertForbidden(() -> grant(ZHENGZHOU_COORDINATOR, "440300"), "440300000000");
        // the city is not above itself, nor above its province
        assertForbidden(() -> grant(ZHENGZHOU_COORDINATOR, "4101"), "410100000000");
        assertForbidden(() -> grant(ZHENGZHOU_COORDINATOR, "41"), "410000000000");
        // nationwide is above every province
        assertThat(grant(NATIONWIDE_ADMIN, "41").region()).isEqualTo(RegionCode.parse("41"));
        // a token without a region is above nothing
        assertForbidden(() -> grant(new LockExceptionRules.Grantor(true, false, null), "410182"), "410182000000");
    }

    @Test
    void onlyCoordinatorsAndAdminsGrant() {
        LockExceptionRules.Grantor viewer = new LockExceptionRules.Grantor(false, true, null);
        assertThatThrownBy(() -> grant(viewer, "410182")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).contains("coordinator or an admin");
        });
    }

    @Test
    void anExceptionLastsAtMostThirtyDays() {
        assertThat(LockExceptionRules.grant(ZHENGZHOU_COORDINATOR, "410182", "2026H1", null,
                NOW.plus(Duration.ofDays(30)), "r", NOW).validUntil()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertInvalid(() -> LockExceptionRules.grant(ZHENGZHOU_COORDINATOR, "410182", "2026H1", null,
                NOW.plus(Duration.ofDays(30)).plusSeconds(1), "r", NOW), "validUntil", "more than 30 days ahead");
        assertInvalid(() -> LockExceptionRules.grant(ZHENGZHOU_COORDINATOR, "410182", "2026H1", null, NOW, "r", NOW),
                "validUntil", "not in the future");
        assertInvalid(() -> LockExceptionRules.grant(ZHENGZHOU_COORDINATOR, "410182", "2026H1", null, null, "r", NOW),
                "validUntil", "required");
    }

    @Test
    void aReasonHasOneToFiveHundredCharacters() {
        assertThat(LockExceptionRules.grant(ZHENGZHOU_COORDINATOR, "410182", "2026H1", null, IN_A_WEEK,
                "理".repeat(500), NOW).reason()).hasSize(500);
        assertInvalid(() -> LockExceptionRules.grant(ZHENGZHOU_COORDINATOR, "410182", "2026H1", null, IN_A_WEEK,
                "理".repeat(501), NOW), "reason", "at most 500");
        assertInvalid(() -> LockExceptionRules.grant(ZHENGZHOU_COORDINATOR, "410182", "2026H1", null, IN_A_WEEK,
                " \t ", NOW), "reason", "required");
        assertInvalid(() -> LockExceptionRules.grant(ZHENGZHOU_COORDINATOR, "410182", "2026H1", null, IN_A_WEEK,
                null, NOW), "reason", "required");
    }

    @Test
    void everyMalformedFieldIsNamedAtOnceBeforeAuthority() {
        // the grantor could not grant for this region either, but the input is judged first
        assertThatThrownBy(() -> LockExceptionRules.grant(XINGYANG_COORDINATOR, "41018", "2026H3", "x".repeat(101),
                null, "", NOW)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.issues()).extracting(Issue::field)
                    .containsExactly("region", "period", "dataSet", "validUntil", "reason");
        });
        assertInvalid(() -> LockExceptionRules.grant(ZHENGZHOU_COORDINATOR, null, "2026H1", null, IN_A_WEEK, "r", NOW),
                "region", "region is required");
    }

    @Test
    void aRevocationNeedsTheSameAuthorityAndAReason() {
        LockException live = exception("410182000000", "2026H1", null, IN_A_WEEK, null);
        assertThat(LockExceptionRules.revoke(ZHENGZHOU_COORDINATOR, live, " done ")).isEqualTo("done");
        assertForbidden(() -> LockExceptionRules.revoke(XINGYANG_COORDINATOR, live, "done"), "410182000000");
        assertInvalid(() -> LockExceptionRules.revoke(ZHENGZHOU_COORDINATOR, live, null), "reason", "required");
        LockException revoked = exception("410182000000", "2026H1", null, IN_A_WEEK, NOW.minusSeconds(60));
        assertThatThrownBy(() -> LockExceptionRules.revoke(ZHENGZHOU_COORDINATOR, revoked, "again"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void aLiveExceptionCoversItsRegionSubtreePeriodAndDataSet() {
        RegionCode xingyang = RegionCode.parse("410182");
        RegionCode township = RegionCode.parse("410182101");
        RegionCode gongyi = RegionCode.parse("410181");
        Period h1 = Period.parse("2026H1");
        LockException all = exception("410182000000", "2026H1", null, IN_A_WEEK, null);
        assertThat(LockExceptionRules.covers(all, xingyang, h1, "儿童与健康", NOW)).isTrue();
        assertThat(LockExceptionRules.covers(all, township, h1, PeriodLocks.PROGRESS_REPORTS, NOW)).isTrue();
        assertThat(LockExceptionRules.covers(all, gongyi, h1, "儿童与健康", NOW)).as("a sibling county").isFalse();
        assertThat(LockExceptionRules.covers(all, RegionCode.parse("4101"), h1, null, NOW)).as("the parent").isFalse();
        assertThat(LockExceptionRules.covers(all, xingyang, Period.parse("2026"), null, NOW)).as("another period").isFalse();
        assertThat(LockExceptionRules.covers(all, xingyang, h1, null, IN_A_WEEK)).as("expired at validUntil").isFalse();
        assertThat(LockExceptionRules.covers(all, xingyang, h1, null, IN_A_WEEK.minusMillis(1))).isTrue();

        LockException health = exception("410182000000", "2026H1", "儿童与健康", IN_A_WEEK, null);
        assertThat(LockExceptionRules.covers(health, xingyang, h1, "儿童与健康", NOW)).isTrue();
        assertThat(LockExceptionRules.covers(health, xingyang, h1, "儿童与安全", NOW)).isFalse();

        LockException revoked = exception("410182000000", "2026H1", null, IN_A_WEEK, NOW.minusSeconds(1));
        assertThat(LockExceptionRules.covers(revoked, xingyang, h1, null, NOW)).isFalse();
    }

    @Test
    void theStateFollowsRevocationAndTime() {
        assertThat(LockException.stateAt(null, IN_A_WEEK, NOW)).isEqualTo("live");
        assertThat(LockException.stateAt(null, IN_A_WEEK, IN_A_WEEK)).isEqualTo("expired");
        assertThat(LockException.stateAt(NOW, IN_A_WEEK, NOW)).isEqualTo("revoked");
    }

    private static LockExceptionRules.Grant grant(LockExceptionRules.Grantor grantor, String region) {
        return LockExceptionRules.grant(grantor, region, "2026H1", null, IN_A_WEEK, "a reason", NOW);
    }

    private static LockException exception(String region, String period, String dataSet, Instant validUntil,
            Instant revokedAt) {
        return new LockException(UUID.randomUUID(), region, period, dataSet, validUntil, "reason", "zz-coordinator",
                NOW.minus(Duration.ofDays(1)), revokedAt, revokedAt == null ? null : "zz-coordinator",
                revokedAt == null ? null : "done", LockException.stateAt(revokedAt, validUntil, NOW));
    }

    private static void assertForbidden(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String region) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).contains("an exception for " + region + " is granted or revoked by a higher level");
        });
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field,
            String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.issues()).singleElement().satisfies(issue -> {
                assertThat(issue.field()).isEqualTo(field);
                assertThat(issue.text()).contains(text);
            });
        });
    }
}
