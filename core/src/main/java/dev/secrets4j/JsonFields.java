package dev.secrets4j;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link Secret#field}'s JSON reading, apart from {@code Secret} so that Jackson is loaded by the first field read,
 * not by the first secret: a service that reads whole values never loads it.
 */
final class JsonFields {
  /**
   * Secret parsing: an explicit nesting limit, and buffers that are never recycled, so that no decoded copy
   * of a value waits in a thread-local pool for the next parse; the buffers used are zeroed after each read.
   */
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Secret.MAX_JSON_NESTING).build())
      .recyclerPool(JsonRecyclerPools.nonRecyclingPool())
      .build();

  private JsonFields() {}

  /**
   * The bytes of {@code field} of the JSON object {@code value} (of secret {@code name}), parsed buffers zeroed.
   *
   * @throws SecretNotFoundException when the object has no such field, or it is null
   * @throws SecretConfigurationException when the value is not a JSON object or breaks a parsing limit
   */
  static byte[] extract(String name, String versionId, byte[] value, String field) {
    try (JsonParser p = JSON.createParser(value)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new SecretConfigurationException("secret '" + name + "' is not a JSON object, so it has no field '"
            + field + "'");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if (!field.equals(key)) {
          p.skipChildren();
          continue;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          WipingOutputStream out = new WipingOutputStream();
          try (JsonGenerator g = JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
          }
          return out.toByteArrayAndWipe();
        }
        if (t == JsonToken.VALUE_NULL) {
          throw new SecretNotFoundException("field '" + field + "' of secret '" + name + "' is null");
        }
        return textAndWipe(p);
      }
      throw new SecretNotFoundException("secret '" + name + "' (version " + versionId + ") has no field '"
          + field + "'");
    } catch (StreamConstraintsException e) {
      throw new SecretConfigurationException("secret '" + name + "' nests JSON deeper than " + Secret.MAX_JSON_NESTING
          + " levels (or breaks another parsing limit), so its field '" + field + "' is not read");
    } catch (JsonProcessingException e) {
      // Jackson's own message may quote the content: report the position only.
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      throw new SecretConfigurationException("secret '" + name + "' is not valid JSON ("
          + (at == null ? "position unknown" : "line " + at.getLineNr() + ", column " + at.getColumnNr())
          + "), so it has no field '" + field + "'");
    } catch (IOException e) {
      throw new SecretConfigurationException("secret '" + name + "' could not be read as JSON");
    }
  }

  /** The current scalar's text as UTF-8, then zeroes the parser's own (never recycled) character buffer. */
  @SuppressWarnings("ByteBufferBackingArray") // the whole backing array is zeroed, not read: offsets do not matter
  private static byte[] textAndWipe(JsonParser p) throws IOException {
    char[] chars = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars, offset, length));
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    Arrays.fill(chars, offset, offset + length, '\0');
    return out;
  }

  /** A byte sink whose buffer is zeroed once its content is taken. */
  private static final class WipingOutputStream extends ByteArrayOutputStream {
    byte[] toByteArrayAndWipe() {
      byte[] out = toByteArray();
      Arrays.fill(buf, (byte) 0);
      return out;
    }
  }
}
