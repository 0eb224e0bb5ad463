package cn.tongyou.facility.domain;

import cn.tongyou.common.code.Coded;

import java.util.List;

/**
 * Output coordinate systems for Chinese web maps. Facilities are stored in WGS-84; 高德 (AMap) and Tencent maps use
 * GCJ-02 and 百度 (Baidu) uses BD-09.
 *
 * <p>WGS-84 → GCJ-02 is the standard public approximation ("eviltransform", Krasovsky ellipsoid a = 6378245 m,
 * e² = 0.00669342162296594323), the formula open-source map libraries use: within China it agrees with the official
 * offset to about 1–2 m. Outside China's bounding rectangle coordinates are returned unchanged, as the official service
 * does. GCJ-02 → BD-09 is Baidu's published rotation (x_pi = π·3000/180). No inverse is offered: positions come in as
 * WGS-84 only.
 */
public final class ChinaCoordinates {

    /** Coordinate reference systems the API can return. */
    public enum Crs implements Coded {
        WGS84("wgs84", "wgs-84"), GCJ02("gcj02", "gcj-02"), BD09("bd09", "bd-09");

        private final String code;
        private final String hyphenated;

        Crs(String code, String hyphenated) {
            this.code = code;
            this.hyphenated = hyphenated;
        }

        @Override
        public String code() {
            return code;
        }

        /** The names as usually written ({@code GCJ-02}) are accepted too. */
        @Override
        public List<String> aliases() {
            return List.of(hyphenated);
        }

        /** The coordinate system with this code; none given means WGS-84. */
        public static Crs parse(String raw) {
            return raw == null || raw.isBlank() ? WGS84 : Coded.of(Crs.class, "facility.code.crs", raw);
        }
    }

    /** A latitude/longitude pair in degrees. */
    public record LatLng(double lat, double lng) {
    }

    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    private ChinaCoordinates() {
    }

    public static LatLng transform(LatLng wgs84, Crs crs) {
        return switch (crs) {
            case WGS84 -> wgs84;
            case GCJ02 -> wgs84ToGcj02(wgs84);
            case BD09 -> gcj02ToBd09(wgs84ToGcj02(wgs84));
        };
    }

    /** Rough rectangle around China used by the public formula; outside it no offset applies. */
    public static boolean outOfChina(double lat, double lng) {
        return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    public static LatLng wgs84ToGcj02(LatLng p) {
        if (outOfChina(p.lat(), p.lng())) {
            return p;
        }
        double dLat = transformLat(p.lng() - 105.0, p.lat() - 35.0);
        double dLng = transformLng(p.lng() - 105.0, p.lat() - 35.0);
        double radLat = p.lat() / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLng = (dLng * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new LatLng(p.lat() + dLat, p.lng() + dLng);
    }

    public static LatLng gcj02ToBd09(LatLng p) {
        double x = p.lng();
        double y = p.lat();
        double z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * X_PI);
        return new LatLng(z * Math.sin(theta) + 0.006, z * Math.cos(theta) + 0.0065);
    }

    private static double transformLat(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double transformLng(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}
