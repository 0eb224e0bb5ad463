package cn.tongyou.indicator.domain;

/** What a list of the catalogue selects; null means no filter. */
public record IndicatorFilter(String domain, String q, String obtained, String valueType) {
}
