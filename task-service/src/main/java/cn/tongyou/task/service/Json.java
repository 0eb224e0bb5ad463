package cn.tongyou.task.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The JSON columns (horizon years, domains, report updates and attachments) to and from text, and the service's
 * ObjectMapper for the responses an Idempotency-Key stores.
 */
@ApplicationScoped
public class Json {

    @Inject
    ObjectMapper mapper;

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value == null ? List.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable", e);
        }
    }

    public JsonNode tree(String text) {
        try {
            return mapper.readTree(text == null ? "[]" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    public <T> T read(String text, TypeReference<T> type) {
        try {
            return mapper.readValue(text == null ? "[]" : text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    public List<Integer> integers(String text) {
        return read(text, new TypeReference<List<Integer>>() {
        });
    }

    public List<String> strings(String text) {
        return read(text, new TypeReference<List<String>>() {
        });
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
