package cn.tongyou.indicator.api;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.indicator.domain.ObservationStatus;

import java.util.ArrayList;
import java.util.List;

/** The comma-separated query parameters of the list endpoints (several indicators, periods, statuses or levels). */
final class ListParameters {

    private ListParameters() {
    }

    /** Parses the comma-separated values of a list filter. */
    static List<String> csv(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String s : raw.split(",")) {
            if (!s.isBlank()) {
                values.add(s.strip());
            }
        }
        return values;
    }

    static List<String> periods(String raw) {
        List<String> periods = new ArrayList<>();
        for (String p : csv(raw)) {
            periods.add(RequestParameters.period("period", p).toString());
        }
        return periods;
    }

    static List<String> statuses(String raw) {
        List<String> statuses = new ArrayList<>();
        for (String s : csv(raw)) {
            try {
                statuses.add(ObservationStatus.ofCode(s).code());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", Message.of(e));
            }
        }
        return statuses;
    }
}
