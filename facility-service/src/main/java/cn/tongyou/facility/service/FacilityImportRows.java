package cn.tongyou.facility.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.facility.domain.ChecklistItem;
import cn.tongyou.facility.domain.FacilityAttribute;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.domain.FacilityValueType;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Streaming readers of bulk-import bodies: one {@link Row} at a time from CSV or from a JSON array. */
public final class FacilityImportRows {

    /** One input row: its 1-based line, the facility it describes and what could not be read. */
    public record Row(long line, FacilityInput input, List<Issue> errors) {
    }

    /** A stream of rows; {@link #next()} returns null at the end. */
    public interface Source extends Closeable {
        Row next() throws IOException;
    }

    static final String CHECKLIST_PREFIX = "checklist.";
    static final String ATTRIBUTE_PREFIX = "attr.";
    static final List<String> COLUMNS = List.of("externalId", "type", "name", "regionCode", "address", "lat", "lng", "status",
            "statusDate", "statusReason", "openedOn", "closedOn", "certificationLevel", "hostExternalId", "hostFacilityId", "generated");
    static final List<String> REQUIRED_COLUMNS = List.of("type", "name", "regionCode", "status");

    private FacilityImportRows() {
    }

    // --- CSV ---------------------------------------------------------------------------------------------------------

    /**
     * CSV with a header line: {@code externalId,type,name,regionCode,address,lat,lng,status,openedOn,certificationLevel,
     * hostExternalId}, optionally statusDate, statusReason, closedOn, hostFacilityId, generated, and any
     * {@code checklist.<item>} and {@code attr.<name>} columns. Blank lines are skipped (but counted).
     */
    static Source csv(Reader reader, Function<String, Optional<FacilityType>> types) throws IOException {
        PushbackReader in = new PushbackReader(reader, 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).build();
        CSVParser parser;
        try {
            parser = format.parse(in);
        } catch (IOException | RuntimeException e) {
            throw ProblemException.badRequest("facility.csv.unreadable", String.valueOf(e.getMessage()));
        }
        Iterator<CSVRecord> records = parser.iterator();
        if (!records.hasNext()) {
            throw ProblemException.badRequest("facility.csv.empty", String.join(",", COLUMNS.subList(0, 11)));
        }
        List<String> header = records.next().toList().stream().map(String::strip).toList();
        validateHeader(header);
        return new Source() {
            long linesBefore = parser.getCurrentLineNumber();

            @Override
            public Row next() {
                while (true) {
                    CSVRecord record;
                    try {
                        if (!records.hasNext()) {
                            return null;
                        }
                        record = records.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        throw ProblemException.badRequest("facility.csv.unreadable-after", linesBefore,
                                String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
                    }
                    long line = linesBefore + 1;
                    linesBefore = parser.getCurrentLineNumber();
                    if (record.size() == 1 && record.get(0).isBlank()) {
                        continue;
                    }
                    return csvRow(line, header, record, types);
                }
            }

            @Override
            public void close() throws IOException {
                parser.close();
            }
        };
    }

    private static void validateHeader(List<String> header) {
        List<Message> problems = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String column : header) {
            if (!seen.add(column)) {
                problems.add(Message.of("facility.csv.column-twice", column));
            } else if (!COLUMNS.contains(column) && !(column.startsWith(CHECKLIST_PREFIX) && column.length() > CHECKLIST_PREFIX.length())
                    && !(column.startsWith(ATTRIBUTE_PREFIX) && column.length() > ATTRIBUTE_PREFIX.length())) {
                problems.add(Message.of("facility.csv.column-unknown", column));
            }
        }
        for (String required : REQUIRED_COLUMNS) {
            if (!header.contains(required)) {
                problems.add(Message.of("facility.csv.column-missing", required));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(Message.of("facility.csv.header-invalid", problems, String.join(",", COLUMNS)),
                    problems.stream().map(p -> Issue.row(1, null, p)).toList());
        }
    }

    private static Row csvRow(long line, List<String> header, CSVRecord record, Function<String, Optional<FacilityType>> types) {
        List<Issue> errors = new ArrayList<>();
        if (record.size() != header.size()) {
            errors.add(Issue.of(null, "facility.csv.row-size", record.size(), header.size()));
            return new Row(line, null, errors);
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = record.get(i);
            cells.put(header.get(i), value == null || value.isBlank() ? null : value.strip());
        }
        Optional<FacilityType> type = cells.get("type") == null ? Optional.empty() : types.apply(cells.get("type"));
        FacilityLocation location = null;
        if (cells.get("lat") != null || cells.get("lng") != null) {
            location = new FacilityLocation(number(cells, "lat", errors), number(cells, "lng", errors));
        }
        Map<String, Object> checklist = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            if (cell.getValue() == null) {
                continue;
            }
            if (cell.getKey().startsWith(CHECKLIST_PREFIX)) {
                String item = cell.getKey().substring(CHECKLIST_PREFIX.length());
                Optional<FacilityValueType> valueType = type.flatMap(t -> t.item(item)).map(ChecklistItem::valueType);
                checklist.put(item, parse(cell.getKey(), cell.getValue(), valueType, errors));
            } else if (cell.getKey().startsWith(ATTRIBUTE_PREFIX)) {
                String name = cell.getKey().substring(ATTRIBUTE_PREFIX.length());
                Optional<FacilityValueType> valueType = type.flatMap(t -> t.attribute(name)).map(FacilityAttribute::valueType);
                attributes.put(name, parse(cell.getKey(), cell.getValue(), valueType, errors));
            }
        }
        FacilityInput input = new FacilityInput(cells.get("type"), cells.get("name"), cells.get("regionCode"), cells.get("address"),
                location, cells.get("status"), date(cells, "statusDate", errors), cells.get("statusReason"),
                date(cells, "openedOn", errors), date(cells, "closedOn", errors), cells.get("certificationLevel"),
                uuid(cells, "hostFacilityId", errors), cells.get("hostExternalId"), attributes, checklist,
                cells.get("externalId"), bool(cells, "generated", errors));
        return new Row(line, input, errors);
    }

    private static Object parse(String column, String text, Optional<FacilityValueType> type, List<Issue> errors) {
        if (type.isEmpty()) {
            return text; // undeclared attribute, or an unknown item that the standard check reports
        }
        try {
            return type.get().parseText(text);
        } catch (IllegalArgumentException e) {
            errors.add(new Issue(column, Message.of(e)));
            return null;
        }
    }

    private static Double number(Map<String, String> cells, String column, List<Issue> errors) {
        String text = cells.get(column);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            errors.add(Issue.of(column, "facility.csv.not-degrees", text));
            return null;
        }
    }

    private static LocalDate date(Map<String, String> cells, String column, List<Issue> errors) {
        String text = cells.get(column);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(Issue.of(column, "facility.csv.not-date", text));
            return null;
        }
    }

    private static UUID uuid(Map<String, String> cells, String column, List<Issue> errors) {
        String text = cells.get(column);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            errors.add(Issue.of(column, "common.parameter.not-uuid", text, Message.of("facility.noun.a-facility")));
            return null;
        }
    }

    private static Boolean bool(Map<String, String> cells, String column, List<Issue> errors) {
        String text = cells.get(column);
        if (text == null) {
            return null;
        }
        try {
            return (Boolean) FacilityValueType.BOOLEAN.parseText(text.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Issue(column, Message.of(e)));
            return null;
        }
    }

    // --- JSON --------------------------------------------------------------------------------------------------------

    /** A JSON array of {@link FacilityInput} objects, read one element at a time; element i is line i + 1. */
    static Source json(InputStream body, ObjectMapper mapper) throws IOException {
        // one element at a time: the rest of the array is not "trailing" content
        ObjectReader elements = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JsonParser parser;
        try {
            parser = mapper.getFactory().createParser(body);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.badRequest("facility.json.array-required");
            }
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("common.json.malformed", e.getOriginalMessage());
        }
        return new Source() {
            long index;

            @Override
            public Row next() throws IOException {
                JsonNode node;
                try {
                    JsonToken token = parser.nextToken();
                    if (token == JsonToken.END_ARRAY || token == null) {
                        if (token == null) {
                            throw ProblemException.badRequest("facility.json.array-not-closed");
                        }
                        if (parser.nextToken() != null) {
                            throw ProblemException.badRequest("facility.json.after-array");
                        }
                        return null;
                    }
                    node = elements.readValue(parser);
                } catch (JsonProcessingException e) {
                    throw e.getLocation() == null
                            ? ProblemException.badRequest("facility.json.malformed-element", index + 1, e.getOriginalMessage())
                            : ProblemException.badRequest("facility.json.malformed-element-at", index + 1,
                                    e.getLocation().getLineNr(), e.getLocation().getColumnNr(), e.getOriginalMessage());
                }
                long line = ++index;
                if (node == null || !node.isObject()) {
                    return new Row(line, null, List.of(Issue.of(null, "facility.json.object-required")));
                }
                try {
                    return new Row(line, mapper.treeToValue(node, FacilityInput.class), List.of());
                } catch (JsonProcessingException e) {
                    return new Row(line, null, List.of(jsonIssue(e)));
                }
            }

            @Override
            public void close() throws IOException {
                parser.close();
            }
        };
    }

    private static Issue jsonIssue(JsonProcessingException e) {
        String field = null;
        if (e instanceof JsonMappingException mapping) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (field.isEmpty()) {
                field = null;
            }
        }
        Message message;
        if (e instanceof UnrecognizedPropertyException) {
            message = Message.of("facility.json.unknown-field");
        } else if (e instanceof InvalidFormatException format) {
            message = Message.of("common.json.not-valid", format.getValue(), simpleType(format.getTargetType()));
        } else if (e instanceof MismatchedInputException mismatch) {
            message = Message.of("common.json.expected", simpleType(mismatch.getTargetType()));
        } else {
            message = Message.of("common.json.unreadable", e.getOriginalMessage());
        }
        return new Issue(field, message);
    }

    private static Message simpleType(Class<?> type) {
        if (type == null) {
            return Message.of("common.json.type.value");
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return Message.of("common.json.type.number");
        }
        if (type == Boolean.class || type == boolean.class) {
            return Message.of("common.json.type.boolean");
        }
        if (type == LocalDate.class) {
            return Message.of("facility.json.type.date");
        }
        if (type == UUID.class) {
            return Message.of("facility.json.type.uuid");
        }
        if (type == String.class) {
            return Message.of("common.json.type.string");
        }
        return Message.of("common.json.type.object");
    }
}
