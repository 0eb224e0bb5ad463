package cn.tongyou.common.http;

import cn.tongyou.common.i18n.Message;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Every JSON string read into a {@code String} (a field, a list element, a map key) is refused when it contains a
 * control character other than tab, line feed and carriage return ({@link ControlCharacters#refusedInText}): the body
 * answers 400 (type {@code control-character}) naming the JSON path of the value, e.g. {@code tasks[2].title}, rather
 * than reaching the database (where a NUL answers 500). Values read as a {@code JsonNode} tree are not checked here.
 */
@Singleton
public class ControlCharacterJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(module());
    }

    /** The module, for an ObjectMapper built outside CDI. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("control-characters");
        module.addDeserializer(String.class, new Text());
        module.addKeyDeserializer(String.class, new Key());
        return module;
    }

    /** {@link StringDeserializer}, then the check. Not a subclass, so collections use it for their elements too. */
    static final class Text extends StdScalarDeserializer<String> {

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            // the JSON path is added by Jackson as the exception leaves each enclosing object and array
            return ControlCharacters.check("$", value);
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return "";
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    static final class Key extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            int at = ControlCharacters.firstInText(key);
            if (at >= 0) {
                throw ControlCharacters.refused("$", Message.of("common.control.key", ControlCharacters.message(key, at, true)));
            }
            return key;
        }
    }
}
