package dev.secrets4j.file.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON files: one object whose members are secrets. A string member's value is its text; a number or boolean is
 * its JSON text; an object or array is its compact JSON (so {@code name#field} works); {@code null} counts as
 * absent. Nested members are addressable as {@code a.b}; a top-level member whose name contains a dot wins over a
 * nested path. Duplicate names and trailing content are errors. Messages give line and column, never content.
 */
final class JsonFormat {
  private static final int MAX_DEPTH = 64;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build();

  private JsonFormat() {}

  /** A parsed document: nested maps, lists and {@link Scalar}s. */
  static final class Document {
    private final Map<String, Object> root;

    Document(Map<String, Object> root) {
      this.root = root;
    }

    /** The value of {@code name} as bytes, or null when absent or JSON null. */
    byte[] lookup(String name) {
      Object node = root.get(name);
      if (node == null && name.indexOf('.') > 0) {
        node = root;
        for (String part : name.split("\\.", -1)) {
          if (!(node instanceof Map)) {
            return null;
          }
          node = ((Map<?, ?>) node).get(part);
        }
      }
      if (node == null) {
        return null;
      }
      if (node instanceof Scalar) {
        Scalar sc = (Scalar) node;
        return sc.isNull ? null : sc.text.getBytes(StandardCharsets.UTF_8);
      }
      return write(node).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A string, number, boolean or null, as its text (strings unquoted). */
  private static final class Scalar {
    final String text;
    final boolean isString;
    final boolean isNumber;
    final boolean isNull;

    Scalar(String text, boolean isString, boolean isNumber, boolean isNull) {
      this.text = text;
      this.isString = isString;
      this.isNumber = isNumber;
      this.isNull = isNull;
    }

    @Override
    public String toString() {
      return "Scalar";
    }
  }

  static Document parse(String text) throws MalformedContentException {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new MalformedContentException("the file is empty; expected a JSON object such as {\"name\": \"value\"}");
      }
      if (t != JsonToken.START_OBJECT) {
        throw new MalformedContentException(at(p.currentTokenLocation())
            + "the top level must be a JSON object of secrets, such as {\"name\": \"value\"}");
      }
      Map<String, Object> root = object(p, "");
      if (p.nextToken() != null) {
        throw new MalformedContentException(at(p.currentTokenLocation())
            + "unexpected content after the top-level object");
      }
      return new Document(root);
    } catch (JsonProcessingException e) {
      // Jackson's own message may quote the offending token, which can be part of a value: never use it
      String why = e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException
          ? "beyond a size limit (nesting deeper than " + MAX_DEPTH + " levels, or an overlong number, string or name)"
          : "malformed JSON (check quotes, commas, colons and brackets there)";
      throw new MalformedContentException(at(e.getLocation()) + why);
    } catch (IOException e) {
      throw new IllegalStateException("reading JSON from a string failed", e);
    }
  }

  private static Map<String, Object> object(JsonParser p, String path) throws IOException, MalformedContentException {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonLocation where = p.currentTokenLocation();
      p.nextToken();
      Object value = node(p, path + name + ".");
      if (out.put(name, value) != null) {
        throw new MalformedContentException(at(where) + "member " + Text.showKey(path + name, "(name not shown)")
            + " is defined twice; keep one of them");
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new MalformedContentException(at(p.currentTokenLocation()) + "malformed JSON object");
    }
    return out;
  }

  private static Object node(JsonParser p, String path) throws IOException, MalformedContentException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new MalformedContentException(at(p.currentLocation()) + "unexpected end of the file");
    }
    switch (t) {
      case START_OBJECT:
        return object(p, path);
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) {
            throw new MalformedContentException(at(p.currentLocation()) + "unexpected end of the file");
          }
          list.add(node(p, path));
        }
        return list;
      }
      case VALUE_STRING:
        return new Scalar(p.getText(), true, false, false);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Scalar(p.getText(), false, true, false);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Scalar(p.getText(), false, false, false);
      case VALUE_NULL:
        return new Scalar("null", false, false, true);
      default:
        throw new MalformedContentException(at(p.currentTokenLocation()) + "unexpected JSON token");
    }
  }

  private static String at(JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 1) {
      return "";
    }
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
  }

  /** Compact JSON text of an object, list or scalar. */
  static String write(Object node) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      write(g, node);
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to a string failed", e);
    }
    return w.toString();
  }

  private static void write(JsonGenerator g, Object node) throws IOException {
    if (node instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
        g.writeFieldName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (node instanceof List) {
      g.writeStartArray();
      for (Object o : (List<?>) node) {
        write(g, o);
      }
      g.writeEndArray();
    } else {
      Scalar sc = (Scalar) node;
      if (sc.isString) {
        g.writeString(sc.text);
      } else if (sc.isNumber) {
        g.writeNumber(sc.text);
      } else {
        g.writeRawValue(sc.text);
      }
    }
  }
}
