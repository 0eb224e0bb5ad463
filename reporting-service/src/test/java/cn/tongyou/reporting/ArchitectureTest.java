package cn.tongyou.reporting;

import cn.tongyou.common.architecture.ServiceShape;
import org.junit.jupiter.api.Test;

/** The package rule of docs/design.md §10, checked against this service's production classes. */
class ArchitectureTest {

    @Test
    void packagesFollowTheServiceShape() {
        ServiceShape.check("cn.tongyou.reporting");
    }
}
