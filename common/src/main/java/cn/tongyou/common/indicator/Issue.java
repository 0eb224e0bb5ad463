package cn.tongyou.common.indicator;

/** One thing wrong with an input, named by the field it concerns (null for the whole input). */
public record Issue(String field, String message) {
}
