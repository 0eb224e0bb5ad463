package cn.tongyou.common.bulk;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowErrorsTest {

    @Test
    void listsTheFirstThousandByLineAndCountsTheRest() {
        RowErrors errors = new RowErrors();
        for (long line = RowErrors.MAX_LISTED + 251; line >= 2; line--) {
            errors.add(line, "code", Message.verbatim("bad"));
        }
        assertThat(errors.count()).isEqualTo(RowErrors.MAX_LISTED + 250);
        assertThat(errors.listed()).hasSize(RowErrors.MAX_LISTED);
        assertThat(errors.notListed()).isEqualTo(250);
        assertThat(errors.listed().get(0).line()).isLessThan(errors.listed().get(1).line());
    }

    @Test
    void aRejectionListsTheErrorsAsViolationsAndSaysHowManyAreLeftOut() {
        RowErrors errors = new RowErrors();
        for (int i = 0; i < RowErrors.MAX_LISTED + 3; i++) {
            errors.add(i + 2, null, Message.verbatim("whole row"));
        }
        ProblemException rejection = errors.rejection("import-rejected", Message.verbatim("Import rejected"), 1003, 1010);
        Problem problem = rejection.toProblem("/import");
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.type()).isEqualTo(Problem.TYPE_BASE + "import-rejected");
        assertThat(problem.detail()).startsWith("1003 of 1010 rows have errors, so nothing was written")
                .contains("3 more are not");
        assertThat(problem.violations()).hasSize(RowErrors.MAX_LISTED);
        assertThat(problem.violations().get(0)).isEqualTo(Problem.Violation.row(2, null, "whole row"));
    }

    @Test
    void aReportCarriesTheCountsAndTheListedErrors() {
        RowErrors errors = new RowErrors();
        errors.add(3, "value", Message.verbatim("not a number"));
        BulkReport report = BulkReport.of(new BulkParams(true, OnError.SKIP), false,
                new BulkReport.Counts(5, 2, 1, 1, 1), errors, System.nanoTime());
        assertThat(report).extracting(BulkReport::dryRun, BulkReport::onError, BulkReport::committed, BulkReport::rowsRead,
                        BulkReport::inserted, BulkReport::updated, BulkReport::unchanged, BulkReport::rejected,
                        BulkReport::errorsNotListed)
                .containsExactly(true, "skip", false, 5L, 2L, 1L, 1L, 1L, 0L);
        assertThat(report.errors()).containsExactly(new RowError(3, "value", "not a number"));
        assertThat(report.durationMs()).isPositive();
    }
}
