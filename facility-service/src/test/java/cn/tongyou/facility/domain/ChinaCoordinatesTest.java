package cn.tongyou.facility.domain;

import cn.tongyou.facility.domain.ChinaCoordinates.Crs;
import cn.tongyou.facility.domain.ChinaCoordinates.LatLng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ChinaCoordinatesTest {

    private static final double TOLERANCE = 1e-4;

    @Test
    void beijingWgs84ToGcj02() {
        LatLng gcj = ChinaCoordinates.wgs84ToGcj02(new LatLng(39.90469, 116.40717));
        assertThat(gcj.lat()).isCloseTo(39.90609, within(TOLERANCE));
        assertThat(gcj.lng()).isCloseTo(116.41341, within(TOLERANCE));
    }

    @Test
    void matchesThePublishedValuesOfTheOpenSourceLibraries() {
        // coordtransform's README: wgs84togcj02(116.404, 39.915) = [116.41024449916938, 39.91640428150164]
        LatLng gcj = ChinaCoordinates.wgs84ToGcj02(new LatLng(39.915, 116.404));
        assertThat(gcj.lat()).isCloseTo(39.91640428150164, within(1e-6));
        assertThat(gcj.lng()).isCloseTo(116.41024449916938, within(1e-6));
    }

    @Test
    void gcj02ToBd09InvertsBaidusPublishedInverse() {
        // coordtransform's README: bd09togcj02(116.404, 39.915) = [116.39762729119315, 39.90865673957631]
        LatLng bd = ChinaCoordinates.gcj02ToBd09(new LatLng(39.90865673957631, 116.39762729119315));
        assertThat(bd.lat()).isCloseTo(39.915, within(TOLERANCE));
        assertThat(bd.lng()).isCloseTo(116.404, within(TOLERANCE));
    }

    @Test
    void theOffsetIsAFewHundredMetresInChina() {
        // 荥阳市: the GCJ-02 shift is of the order of 100–700 m, never zero and never kilometres.
        LatLng wgs = new LatLng(34.7879, 113.3712);
        LatLng gcj = ChinaCoordinates.transform(wgs, Crs.GCJ02);
        double metres = Math.hypot((gcj.lat() - wgs.lat()) * 111_000, (gcj.lng() - wgs.lng()) * 111_000 * Math.cos(Math.toRadians(wgs.lat())));
        assertThat(metres).isBetween(100.0, 1_000.0);
    }

    @Test
    void outsideChinaNothingChanges() {
        LatLng paris = new LatLng(48.8566, 2.3522);
        assertThat(ChinaCoordinates.wgs84ToGcj02(paris)).isEqualTo(paris);
        assertThat(ChinaCoordinates.transform(paris, Crs.GCJ02)).isEqualTo(paris);
    }

    @Test
    void wgs84IsTheIdentityAndBd09ChainsThroughGcj02() {
        LatLng p = new LatLng(34.7879, 113.3712);
        assertThat(ChinaCoordinates.transform(p, Crs.WGS84)).isEqualTo(p);
        assertThat(ChinaCoordinates.transform(p, Crs.BD09))
                .isEqualTo(ChinaCoordinates.gcj02ToBd09(ChinaCoordinates.wgs84ToGcj02(p)));
    }

    @Test
    void crsCodes() {
        assertThat(Crs.parse(null)).isEqualTo(Crs.WGS84);
        assertThat(Crs.parse("GCJ-02")).isEqualTo(Crs.GCJ02);
        assertThat(Crs.parse("bd09")).isEqualTo(Crs.BD09);
        assertThatThrownBy(() -> Crs.parse("epsg3857")).hasMessageContaining("expected wgs84, gcj02 or bd09");
    }
}
