package cn.tongyou.system;

import cn.tongyou.common.period.Period;
import cn.tongyou.local.testing.SharedData;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.tongyou.system.Platform.INDICATOR;
import static cn.tongyou.system.Platform.REPORTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 15's "Done when": one half-year of 荥阳市 (410182) and 郑州市 (4101) under the reporting discipline, over HTTP as
 * the county's departments, its 妇儿工委办公室, the city's office and the platform operator work. The period is the
 * half-year containing today, so everything up to the lock happens on the real date and is on time.
 */
@ExtendWith(ServiceLogsOnFailure.class)
class DisciplineWalkTest {

    static final String COUNTY = "410182";
    static final String CITY = "4101";
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final Period PERIOD = Period.halfYearContaining(LocalDate.now(BEIJING));
}
