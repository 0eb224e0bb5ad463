package cn.tongyou.indicator.service;

import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.Issue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of a bulk observation request, read one at a time: a CSV file as a provincial system sends it, or a JSON array
 * of ObservationInput objects. Nothing is held in memory beyond the current row.
 *
 * <p>CSV columns (header line required, any order, English or Chinese): {@code indicator} (指标代码), {@code region}
 * (区划代码), {@code period} (报告期), {@code value} (数值), {@code numerator} (分子), {@code denominator} (分母),
 * {@code source} (数据来源), {@code note} (备注). The columns the CSV export adds (status, version …) are ignored, so an
 * export can be sent back.
 */
public final class BatchRows {

    static final Map<String, String> COLUMNS = new HashMap<>();
    static final Set<String> IGNORED = Set.of("id", "status", "version", "reportedBy", "reportedUnit", "updatedAt",
            "updatedBy", "approvedValue", "approvedVersion", "indicatorName", "unit", "状态", "版本");

    static {
        for (String[] names : new String[][]{
                {"indicator", "indicator", "indicatorCode", "指标代码", "指标"},
                {"region", "region", "regionCode", "区划代码", "地区代码"},
                {"period", "period", "报告期", "期间"},
                {"value", "value", "数值", "值"},
                {"numerator", "numerator", "分子"},
                {"denominator", "denominator", "分母"},
                {"source", "source", "数据来源", "来源"},
                {"note", "note", "备注"}}) {
            for (int i = 1; i < names.length; i++) {
                COLUMNS.put(names[i], names[0]);
            }
        }
    }

    private BatchRows() {
    }

    /** One row: its 1-based line, the values, and what was wrong before any check (a broken CSV line). */
    public record Row(long line, RowChecker.Raw raw, List<Issue> issues) {
    }

    public interface Source extends Closeable {
        /** The next row, or null at the end. */
        Row next() throws IOException;
    }

    public static Source csv(InputStream in, Charset charset) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset), 64 * 1024);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).build();
        CSVParser parser;
        try {
            parser = CSVParser.parse(reader, format);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            reader.close();
            throw ProblemException.badRequest("indicator.csv.header-unreadable", rootMessage(e));
        }
        List<String> header = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
        if (header.isEmpty()) {
            parser.close();
            throw ProblemException.badRequest("indicator.csv.empty");
        }
        Map<Integer, String> fieldOf = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String field = COLUMNS.get(header.get(i));
            if (field != null) {
                if (fieldOf.containsValue(field)) {
                    parser.close();
                    throw ProblemException.badRequest("indicator.csv.column-twice", field);
                }
                fieldOf.put(i, field);
            } else if (!IGNORED.contains(header.get(i))) {
                unknown.add(header.get(i));
            }
        }
        if (!unknown.isEmpty()) {
            parser.close();
            throw ProblemException.badRequest("indicator.csv.columns-unknown", unknown.toString());
        }
        for (String required : List.of("indicator", "region", "period")) {
            if (!fieldOf.containsValue(required)) {
                parser.close();
                throw ProblemException.badRequest("indicator.csv.column-missing", required);
            }
        }
        Iterator<CSVRecord> records = parser.iterator();
        return new Source() {
            @Override
            public Row next() {
                boolean more;
                try {
                    more = records.hasNext();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw ProblemException.badRequest("indicator.csv.malformed", parser.getCurrentLineNumber() + 1, rootMessage(e));
                }
                if (!more) {
                    return null;
                }
                CSVRecord record = records.next();
                long line = record.getRecordNumber() + 1;
                if (record.size() != header.size()) {
                    return new Row(line, null, List.of(Issue.of(null, "indicator.csv.columns", header.size(), record.size())));
                }
                Map<String, String> v = new HashMap<>();
                fieldOf.forEach((i, field) -> v.put(field, record.get(i)));
                return new Row(line, new RowChecker.Raw(v.get("indicator"), v.get("region"), v.get("period"), empty(v.get("value")),
                        empty(v.get("numerator")), empty(v.get("denominator")), v.get("source"), v.get("note")), List.of());
            }

            @Override
            public void close() throws IOException {
                parser.close();
            }
        };
    }

    public static Source json(InputStream in, ObjectMapper mapper) throws IOException {
        // elements are read one by one from the array, so "trailing tokens" after each one are expected
        ObjectReader reader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JsonParser parser = mapper.getFactory().createParser(in);
        try {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                parser.close();
                throw ProblemException.badRequest("indicator.json.array-required");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            parser.close();
            throw ProblemException.badRequest("common.json.malformed", e.getOriginalMessage());
        }
        return new Source() {
            long index;

            @Override
            public Row next() throws IOException {
                JsonToken token;
                JsonNode node;
                try {
                    token = parser.nextToken();
                    if (token == JsonToken.END_ARRAY || token == null) {
                        return null;
                    }
                    node = reader.readTree(parser);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw ProblemException.badRequest("indicator.json.malformed-after", index, e.getOriginalMessage());
                }
                long line = ++index;
                if (node == null || !node.isObject()) {
                    return new Row(line, null, List.of(Issue.of(null, "indicator.json.object-required")));
                }
                List<Issue> issues = new ArrayList<>();
                node.fieldNames().forEachRemaining(f -> {
                    if (!Set.of("indicator", "region", "period", "value", "numerator", "denominator", "source", "note").contains(f)) {
                        issues.add(Issue.of(f, f.equals("status") ? "indicator.json.status-field" : "indicator.json.unknown-field"));
                    }
                });
                RowChecker.Raw raw = new RowChecker.Raw(text(node, "indicator", issues), text(node, "region", issues),
                        text(node, "period", issues), RowChecker.scalar(node.get("value"), "value", issues),
                        RowChecker.scalar(node.get("numerator"), "numerator", issues),
                        RowChecker.scalar(node.get("denominator"), "denominator", issues), text(node, "source", issues),
                        text(node, "note", issues));
                return new Row(line, raw, issues);
            }

            @Override
            public void close() throws IOException {
                parser.close();
            }
        };
    }

    private static String text(JsonNode node, String field, List<Issue> issues) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber() && !field.equals("indicator")) {
            return v.asText();
        }
        issues.add(Issue.of(field, "indicator.json.text"));
        return null;
    }

    private static String empty(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
