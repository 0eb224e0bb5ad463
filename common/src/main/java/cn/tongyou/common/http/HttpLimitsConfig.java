package cn.tongyou.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request body limits ({@code cfc.http.*}); read at static init, where Quarkus REST builds its filters. */
@StaticInitSafe
@ConfigMapping(prefix = "cfc.http")
public interface HttpLimitsConfig {

    /** Largest ordinary JSON body. */
    @WithDefault("1M")
    MemorySize maxJsonBody();

    /** Largest bulk import body (CSV or JSON array); 650,000 villages as CSV are about 45 MB. */
    @WithDefault("256M")
    MemorySize maxBulkBody();
}
