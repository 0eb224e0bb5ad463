package cn.tongyou.task;

import cn.tongyou.common.architecture.ServiceShape;
import org.junit.jupiter.api.Test;

/** task-service follows the package rule of docs/design.md §10. */
class ArchitectureTest {

    @Test
    void followsThePackageRule() {
        ServiceShape.check("cn.tongyou.task");
    }
}
