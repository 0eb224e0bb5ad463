package cn.tongyou.indicator;

import cn.tongyou.local.testing.SharedData;

import java.nio.file.Path;

/** The two plans with indicator tables, by file prefix (files found by {@link SharedData}). */
public final class SharedCatalog {

    public static final String MEIZHOU = "002_";
    public static final String PINGDINGSHAN = "003_";

    private SharedCatalog() {
    }

    /** The catalogue file whose name starts with {@code prefix} (002_ = 梅州市, 003_ = 平顶山市新华区). */
    public static Path file(String prefix) {
        return SharedData.catalogueFile(prefix);
    }

    public static String read(String prefix) {
        return SharedData.readCatalogue(prefix);
    }
}
