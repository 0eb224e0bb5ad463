package cn.tongyou.facility;

import cn.tongyou.common.architecture.ServiceShape;
import org.junit.jupiter.api.Test;

/** The package rule of docs/design.md §10, checked on this service's production classes. */
class ArchitectureTest {

    @Test
    void theServiceFollowsThePackageRule() {
        ServiceShape.check("cn.tongyou.facility");
    }
}
