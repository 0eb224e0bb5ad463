package cn.tongyou.facility.service;

import java.util.Arrays;

/**
 * The region codes one import has met, each with a line number: the 12-digit codes held as {@code long}s in an
 * open-addressing table, 16 bytes a slot instead of the ~130 bytes of a {@code String} key, a boxed {@code Long} and a
 * {@code HashMap} node. All 620,573 villages take ~17 MB instead of ~80 MB, so a whole-country import keeps its heap
 * for the batches (issue 16: it must pass at {@code -Xmx512m}).
 */
final class RegionCodeLines {

    private static final long FREE = -1;

    private long[] codes;
    private long[] lines;
    private int size;

    RegionCodeLines() {
        codes = new long[1 << 10];
        lines = new long[codes.length];
        Arrays.fill(codes, FREE);
    }

    /** Records {@code code} at {@code line} unless already met; returns the line it was first met at, or 0. */
    long putIfAbsent(String code, long line) {
        long key = key(code);
        int slot = slot(key, codes);
        if (codes[slot] == key) {
            return lines[slot];
        }
        codes[slot] = key;
        lines[slot] = line;
        if (++size * 4L > codes.length * 3L) {
            grow();
        }
        return 0;
    }

    boolean contains(String code) {
        long key = key(code);
        return codes[slot(key, codes)] == key;
    }

    private void grow() {
        long[] oldCodes = codes;
        long[] oldLines = lines;
        codes = new long[oldCodes.length * 2];
        lines = new long[codes.length];
        Arrays.fill(codes, FREE);
        for (int i = 0; i < oldCodes.length; i++) {
            if (oldCodes[i] != FREE) {
                int slot = slot(oldCodes[i], codes);
                codes[slot] = oldCodes[i];
                lines[slot] = oldLines[i];
            }
        }
    }

    /** The slot holding {@code key}, or the free slot where it goes (linear probing; the table is never full). */
    private static int slot(long key, long[] table) {
        int mask = table.length - 1;
        int slot = (int) mix(key) & mask;
        while (table[slot] != FREE && table[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** The finaliser of MurmurHash3: neighbouring codes (a township's villages) spread over the table. */
    private static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** A normalised code ({@code RegionCode.value()}: 12 digits) as a number. */
    private static long key(String code) {
        return Long.parseLong(code);
    }
}
