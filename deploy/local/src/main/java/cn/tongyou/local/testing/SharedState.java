package cn.tongyou.local.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One map per JVM for {@link PlatformTestResource}: it reads the copy of this class that the system class loader
 * loads, whichever class loader (Quarkus makes one per application start) loaded the resource itself. Values must be
 * JDK types.
 */
public final class SharedState {

    public static final Map<String, Object> SHARED = new ConcurrentHashMap<>();

    private SharedState() {
    }

    /** The JVM-wide map: the system class loader's {@link #SHARED}, or this class loader's if it has none. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jvmWide() {
        try {
            Class<?> holder = Class.forName(SharedState.class.getName(), true, ClassLoader.getSystemClassLoader());
            return (Map<String, Object>) holder.getField("SHARED").get(null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return SHARED;
        }
    }
}
