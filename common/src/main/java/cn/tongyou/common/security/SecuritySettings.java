package cn.tongyou.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Access rules a deployment may tune ({@code cfc.security.*}). */
@ConfigMapping(prefix = "cfc.security")
public interface SecuritySettings {

    /**
     * Four eyes (四眼原则): a coordinator cannot approve or accept a value they entered or last corrected. On by
     * default; a one-person office may turn it off, and every approval still records who gave it.
     */
    @WithDefault("true")
    boolean fourEyes();
}
